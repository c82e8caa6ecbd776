namespace Cluster.Grains.Interfaces.Settings;

/// <summary>How secrets appear when settings are read.</summary>
public static class SettingsMasks
{
    /// <summary>Shown in place of a secret that is set; sent back in a change, it keeps the secret as it is.</summary>
    public const string Secret = "********";
}
