"""Staff sign-in protection (docs/decisions/0011-staff-login-protection-and-two-factor.md).

- Lockout: django-axes counts failed sign-ins per account and per client address (the address
  `geo.resolve.client_ip` resolves, honouring GEO_TRUSTED_PROXIES) in the database, so every
  gunicorn worker sees the same count (`lockout_handler.py`: a successful sign-in clears only
  that account's failures); `lockout.py` answers a locked-out sign-in with a translated
  page in the admin's look, `lockouts_admin.py` lists the locks and unlocks them.
- Two-factor: django-otp devices (TOTP and static recovery codes); `two_factor.py` says who must
  have one (STAFF_2FA_REQUIRED, STAFF_2FA_REQUIRED_FOR), `middleware.py` keeps unverified staff out
  of the admin, `second_factor_views.py` enrols, verifies and manages the devices.
"""
