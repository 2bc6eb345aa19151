"""The test build's plugin packaged for an operator: `build.sh --zip` makes a zip with the
plugin's files at its root, which Elasticsearch's own `elasticsearch-plugin install` accepts."""

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ES_VERSION = os.environ.get("ES_VERSION", "9.5.4")
ES_CACHE = Path(os.environ.get("ES_CACHE", Path.home() / ".cache/helpcenter/elasticsearch"))
ES_HOME = ES_CACHE / f"elasticsearch-{ES_VERSION}"
JAVA_HOME = Path(os.environ.get("ES_JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"))


@pytest.mark.skipif(
    not (ES_HOME / "bin/elasticsearch-plugin").exists() or not (JAVA_HOME / "bin/javac").exists(),
    reason="no unpacked Elasticsearch (cms/services/elasticsearch.sh start fetches it) or no JDK",
)
def test_the_plugin_zip_installs_with_elasticsearch_plugin(tmp_path):
    built = subprocess.run(
        [
            "bash",
            str(ROOT / "search/elasticsearch_plugin/build.sh"),
            "--zip",
            str(ES_HOME),
            str(tmp_path / "out"),
        ],
        env=os.environ | {"JAVA_HOME": str(JAVA_HOME)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    archive = Path(built.stdout.strip())
    assert archive.name == f"helpcenter-analysis-{ES_VERSION}.zip"
    names = set(zipfile.ZipFile(archive).namelist())
    assert {"plugin-descriptor.properties", "helpcenter-analysis.jar"} <= names

    home = tmp_path / "elasticsearch"  # a copy: installing adds a folder under plugins/
    shutil.copytree(ES_HOME, home, copy_function=os.link, symlinks=True)
    installed = subprocess.run(
        [str(home / "bin/elasticsearch-plugin"), "install", "--batch", archive.as_uri()],
        env=os.environ | {"ES_JAVA_HOME": str(JAVA_HOME)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert (home / "plugins/helpcenter-analysis/plugin-descriptor.properties").exists()
