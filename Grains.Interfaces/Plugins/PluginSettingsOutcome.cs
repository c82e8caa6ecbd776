namespace Cluster.Grains.Interfaces.Plugins;

/// <summary>How a read or change of a plugin's settings ended.</summary>
public enum PluginSettingsOutcome
{
    /// <summary>Read or changed; the settings are in the result.</summary>
    Ok,

    /// <summary>The manifest declares no settings schema: the plugin has no settings.</summary>
    NoSettings,

    /// <summary>The change is not a JSON object, or the settings it would make break the schema; nothing was sent.</summary>
    Invalid,

    /// <summary>The service answered the change with a 4xx status; its message is in the errors.</summary>
    Rejected,

    /// <summary>The service could not be reached, failed (5xx), or answered something that is not a JSON object.</summary>
    ServiceFailed,

    /// <summary>The service did not answer within the request timeout.</summary>
    ServiceTimedOut,
}
