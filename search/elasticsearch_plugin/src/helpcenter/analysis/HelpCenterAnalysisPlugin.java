package helpcenter.analysis;

import java.io.IOException;
import java.io.StringReader;
import java.text.ParseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.br.BrazilianStemFilter;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tr.ApostropheFilter;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.apache.lucene.util.SetOnce;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.admin.indices.analyze.ReloadAnalyzersRequest;
import org.elasticsearch.action.admin.indices.analyze.TransportReloadAnalyzersAction;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.cluster.ClusterChangedEvent;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.metadata.IndexMetadata;
import org.elasticsearch.cluster.routing.IndexRoutingTable;
import org.elasticsearch.cluster.metadata.ProjectMetadata;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexService.IndexCreationContext;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.index.IndexNotFoundException;
import org.elasticsearch.index.analysis.AnalysisMode;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * The analysis components of the help center's indices.
 *
 * <p>On Elasticsearch builds without the analysis-common module (Maven Central's integ-test
 * zip), it provides the token filters the indices use under their analysis-common names and
 * settings (stemmer, arabic_normalization, german_normalization, elision, apostrophe, cjk_width,
 * cjk_bigram, asciifolding, edge_ngram, ngram; tokenizers ngram and edge_ngram), so the same
 * index settings work on a full distribution, where it leaves those names to analysis-common.
 *
 * <p>Everywhere it provides helpcenter_synonyms: a search-time synonym graph filter whose rules
 * are documents of an ordinary index that the site maintains ({"language", "rules"}), loaded when
 * the analyzer is reloaded: by {@code POST <index>/_reload_search_analyzers} after an editor's
 * change, before a shard recovers (index creation, node restart), and when the rules index's
 * primary becomes active. The synonyms API would be the
 * stock way, but it needs the reindex module, which those builds lack too.
 */
public final class HelpCenterAnalysisPlugin extends Plugin implements AnalysisPlugin {
  private static final Logger LOGGER = LogManager.getLogger(HelpCenterAnalysisPlugin.class);
  static final String SYNONYMS = "helpcenter_synonyms";
  private static final int MAX_RULES = 10_000;

  private final boolean analysisCommonInstalled;
  private final SetOnce<Client> client = new SetOnce<>();

  public HelpCenterAnalysisPlugin(Settings settings) {
    String home = settings.get("path.home", "");
    this.analysisCommonInstalled = !home.isEmpty()
        && Files.isDirectory(Path.of(home, "modules", "analysis-common"));
  }

  @Override
  public Collection<?> createComponents(PluginServices services) {
    client.set(services.client());
    services.clusterService().addListener(this::reloadWhenRulesIndexStarts);
    return List.of();
  }

  /**
   * Elasticsearch reloads search analyzers before a shard recovers, but on a node restart the
   * rules index may not be searchable yet. So when a rules index's primary becomes active, the
   * indices whose synonyms it holds are reloaded again (from the applied state of the event:
   * the listener runs on the cluster applier thread, the reload itself elsewhere).
   */
  private void reloadWhenRulesIndexStarts(ClusterChangedEvent event) {
    if (!event.routingTableChanged()) {
      return;
    }
    for (ProjectMetadata project : event.state().metadata().projects().values()) {
      for (IndexMetadata index : project) {
        Settings filters = index.getSettings().getByPrefix("index.analysis.filter.");
        for (String filter : filters.names()) {
          Settings filterSettings = filters.getAsSettings(filter);
          String rulesIndex = filterSettings.get("rules_index");
          if (SYNONYMS.equals(filterSettings.get("type"))
              && primaryActive(event.state(), project, rulesIndex)
              && !primaryActive(event.previousState(), project, rulesIndex)) {
            reload(index.getIndex().getName(), SynonymsFactory.resource(filterSettings));
          }
        }
      }
    }
  }

  private static boolean primaryActive(ClusterState state, ProjectMetadata project, String index) {
    if (index == null || !state.metadata().hasProject(project.id())) {
      return false;
    }
    IndexRoutingTable routing = state.routingTable(project.id()).index(index);
    return routing != null && routing.allPrimaryShardsActive();
  }

  private void reload(String index, String resource) {
    client.get().execute(
        TransportReloadAnalyzersAction.TYPE,
        new ReloadAnalyzersRequest(resource, false, index),
        ActionListener.wrap(
            response -> LOGGER.debug("loaded synonyms [{}] of [{}]", resource, index),
            error -> LOGGER.warn("could not load synonyms [{}] of [{}]", resource, index, error)));
  }

  @Override
  public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
    Map<String, AnalysisProvider<TokenFilterFactory>> filters = new TreeMap<>();
    filters.put(SYNONYMS, AnalysisPlugin.requiresAnalysisSettings(
        (index, env, name, settings) -> new SynonymsFactory(name, settings, client)));
    if (analysisCommonInstalled) {
      return filters;
    }
    filters.put("stemmer", (index, env, name, settings) -> {
      String language = settings.get("language", settings.get("name", "english"));
      return factory(name, Stemmers.of(language));
    });
    filters.put("arabic_normalization", simple(ArabicNormalizationFilter::new));
    filters.put("german_normalization", simple(GermanNormalizationFilter::new));
    filters.put("apostrophe", simple(ApostropheFilter::new));
    filters.put("cjk_width", simple(CJKWidthFilter::new));
    filters.put("cjk_bigram", (index, env, name, settings) -> {
      boolean unigrams = settings.getAsBoolean("output_unigrams", false);
      int scripts = CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA
          | CJKBigramFilter.HANGUL;
      return factory(name, ts -> new CJKBigramFilter(ts, scripts, unigrams));
    });
    filters.put("asciifolding", (index, env, name, settings) -> {
      boolean keep = settings.getAsBoolean("preserve_original", false);
      return factory(name, ts -> new ASCIIFoldingFilter(ts, keep));
    });
    filters.put("edge_ngram", (index, env, name, settings) -> {
      int min = settings.getAsInt("min_gram", 1);
      int max = settings.getAsInt("max_gram", 2);
      boolean keep = settings.getAsBoolean("preserve_original", false);
      checkGrams("edge_ngram", min, max, null);
      return factory(name, ts -> new EdgeNGramTokenFilter(ts, min, max, keep));
    });
    filters.put("ngram", (index, env, name, settings) -> {
      int min = settings.getAsInt("min_gram", 1);
      int max = settings.getAsInt("max_gram", 2);
      boolean keep = settings.getAsBoolean("preserve_original", false);
      checkGrams("ngram", min, max, index);
      return factory(name, ts -> new NGramTokenFilter(ts, min, max, keep));
    });
    filters.put("elision", AnalysisPlugin.requiresAnalysisSettings((index, env, name, settings) -> {
      CharArraySet articles = Analysis.parseArticles(env, settings);
      if (articles == null) {
        throw new IllegalArgumentException("[elision] requires [articles] or [articles_path]");
      }
      return factory(name, ts -> new ElisionFilter(ts, articles));  // articles_case: parsed
    }));
    return filters;
  }

  /** The ngram and edge_ngram tokenizers (min_gram, max_gram), for Wagtail's admin indices. */
  @Override
  public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
    Map<String, AnalysisProvider<TokenizerFactory>> tokenizers = new TreeMap<>();
    if (analysisCommonInstalled) {
      return tokenizers;
    }
    tokenizers.put("ngram", (index, env, name, settings) -> {
      int min = settings.getAsInt("min_gram", 1);
      int max = settings.getAsInt("max_gram", 2);
      checkGrams("ngram", min, max, index);
      return TokenizerFactory.newFactory(name, () -> new NGramTokenizer(min, max));
    });
    tokenizers.put("edge_ngram", (index, env, name, settings) -> {
      int min = settings.getAsInt("min_gram", 1);
      int max = settings.getAsInt("max_gram", 2);
      checkGrams("edge_ngram", min, max, null);
      return TokenizerFactory.newFactory(name, () -> new EdgeNGramTokenizer(min, max));
    });
    return tokenizers;
  }

  /** As analysis-common: 1 <= min <= max, and for ngram max - min <= index.max_ngram_diff. */
  private static void checkGrams(String type, int min, int max, IndexSettings index) {
    if (min < 1 || max < min) {
      throw new IllegalArgumentException(
          "[" + type + "] needs 1 <= min_gram <= max_gram, got " + min + " and " + max);
    }
    if (index != null && max - min > index.getMaxNgramDiff()) {
      throw new IllegalArgumentException(
          "[" + type + "] max_gram - min_gram must be <= " + index.getMaxNgramDiff()
              + " (index.max_ngram_diff), got " + (max - min));
    }
  }

  private static AnalysisProvider<TokenFilterFactory> simple(Function<TokenStream, TokenStream> make) {
    return (index, env, name, settings) -> factory(name, make);
  }

  static TokenFilterFactory factory(String name, Function<TokenStream, TokenStream> make) {
    return new TokenFilterFactory() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public TokenStream create(TokenStream stream) {
        return make.apply(stream);
      }
    };
  }

  /** The `language` values of the stemmer filter this project uses (analysis-common names). */
  static final class Stemmers {
    static Function<TokenStream, TokenStream> of(String language) {
      return switch (language) {
        case "english", "porter" -> PorterStemFilter::new;
        case "possessive_english" -> EnglishPossessiveFilter::new;
        case "spanish" -> ts -> new SnowballFilter(ts, new org.tartarus.snowball.ext.SpanishStemmer());
        case "light_spanish" -> SpanishLightStemFilter::new;
        case "french" -> ts -> new SnowballFilter(ts, new org.tartarus.snowball.ext.FrenchStemmer());
        case "light_french" -> FrenchLightStemFilter::new;
        case "german" -> ts -> new SnowballFilter(ts, new org.tartarus.snowball.ext.GermanStemmer());
        case "light_german" -> GermanLightStemFilter::new;
        case "portuguese" -> ts -> new SnowballFilter(ts, new org.tartarus.snowball.ext.PortugueseStemmer());
        case "light_portuguese" -> PortugueseLightStemFilter::new;
        case "brazilian" -> BrazilianStemFilter::new;
        case "russian" -> ts -> new SnowballFilter(ts, new org.tartarus.snowball.ext.RussianStemmer());
        case "light_russian" -> RussianLightStemFilter::new;
        case "turkish" -> ts -> new SnowballFilter(ts, new org.tartarus.snowball.ext.TurkishStemmer());
        case "arabic" -> ArabicStemFilter::new;
        default -> throw new IllegalArgumentException(
            "[stemmer] language [" + language + "] is not supported by helpcenter-analysis");
      };
    }
  }

  /**
   * helpcenter_synonyms: Solr-format rules ("hacked, compromised") of one language, read from
   * the rules index at reload time, analysed by the filters before it in the analyzer (as
   * analysis-common's synonym_graph does). Settings: rules_index, language, expand (true).
   */
  static final class SynonymsFactory implements TokenFilterFactory {
    private final String name;
    private final Settings settings;
    private final SetOnce<Client> client;
    private final String rulesIndex;
    private final String language;

    SynonymsFactory(String name, Settings settings, SetOnce<Client> client) {
      this.name = name;
      this.settings = settings;
      this.client = client;
      this.rulesIndex = settings.get("rules_index");
      this.language = settings.get("language");
      if (rulesIndex == null || language == null) {
        throw new IllegalArgumentException("[" + SYNONYMS + "] requires [rules_index] and [language]");
      }
    }

    static String resource(Settings settings) {
      return settings.get("rules_index") + "/" + settings.get("language");
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public TokenStream create(TokenStream stream) {
      throw new IllegalStateException("[" + SYNONYMS + "] is built with its analyzer chain");
    }

    @Override
    public AnalysisMode getAnalysisMode() {
      return AnalysisMode.SEARCH_TIME;
    }

    @Override
    public Set<String> getResourceNames() {
      return Set.of(resource(settings));
    }

    @Override
    public TokenFilterFactory getChainAwareTokenFilterFactory(
        IndexCreationContext context,
        TokenizerFactory tokenizer,
        List<CharFilterFactory> charFilters,
        List<TokenFilterFactory> previousFilters,
        Function<String, TokenFilterFactory> allFilters) {
      TokenFilterFactory[] before = previousFilters.stream()
          .map(TokenFilterFactory::getSynonymFilter)
          .toArray(TokenFilterFactory[]::new);
      Analyzer rulesAnalyzer = new CustomAnalyzer(
          tokenizer, charFilters.toArray(new CharFilterFactory[0]), before);
      // Reading the rules index on index creation or metadata checks could block a cluster
      // thread: start empty; the rules are read on reload (see reloadWhenRulesIndexStarts).
      List<String> rules = context == IndexCreationContext.RELOAD_ANALYZERS ? rules() : List.of();
      SynonymMap map;
      try (rulesAnalyzer) {
        map = parse(rules, rulesAnalyzer);
      }
      Set<String> resources = getResourceNames();
      return new TokenFilterFactory() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public TokenStream create(TokenStream stream) {
          return map.fst == null ? stream : new SynonymGraphFilter(stream, map, false);
        }

        @Override
        public AnalysisMode getAnalysisMode() {
          return AnalysisMode.SEARCH_TIME;
        }

        @Override
        public Set<String> getResourceNames() {
          return resources;
        }

        @Override
        public TokenFilterFactory getSynonymFilter() {
          return IDENTITY_FILTER;
        }
      };
    }

    private List<String> rules() {
      List<String> rules = new ArrayList<>();
      try {
        SearchResponse response = client.get().prepareSearch(rulesIndex)
            .setQuery(QueryBuilders.termQuery("language", language))
            .setFetchSource("rules", null)
            .setSize(MAX_RULES)
            .get(TimeValue.timeValueSeconds(5));
        try {
          for (SearchHit hit : response.getHits().getHits()) {
            Object value = hit.getSourceAsMap().get("rules");
            if (value instanceof String text && !text.isBlank()) {
              rules.add(text);
            }
          }
        } finally {
          response.decRef();
        }
      } catch (IndexNotFoundException missing) {
        LOGGER.debug("no synonyms index [{}] yet", rulesIndex);
      } catch (RuntimeException unavailable) {
        // Not searchable yet (node starting): loaded when its primary becomes active.
        LOGGER.info("synonyms index [{}] not searchable yet: {}", rulesIndex, unavailable.toString());
      }
      return rules;
    }

    private SynonymMap parse(List<String> rules, Analyzer analyzer) {
      SolrSynonymParser parser = new SolrSynonymParser(true, settings.getAsBoolean("expand", true), analyzer);
      List<String> skipped = new ArrayList<>();
      for (String rule : rules) {
        try {
          parser.parse(new StringReader(rule));  // one rule at a time: a bad one skips only itself
        } catch (IOException | ParseException | RuntimeException error) {
          skipped.add(rule);
        }
      }
      if (!skipped.isEmpty()) {
        LOGGER.warn("[{}] skipped synonym rules it cannot parse: {}", name, skipped);
      }
      try {
        return parser.build();
      } catch (IOException error) {
        throw new IllegalStateException("[" + name + "] cannot build its synonym map", error);
      }
    }
  }
}
