// Imported first by scripts that load @salesforce/* libraries: keep them from writing log files under $HOME.
process.env.SF_DISABLE_LOG_FILE ??= 'true';
process.env.SF_DISABLE_TELEMETRY ??= 'true';
process.env.SF_DISABLE_AUTOUPDATE ??= 'true';
