using System.Globalization;

namespace Cluster.Runtime.Membership;

/// <summary>The payload of a membership notification: <c>clusterId:version</c>.</summary>
internal static class MembershipNotification
{
    /// <summary>The payload announcing that <paramref name="clusterId"/>'s table reached <paramref name="version"/>.</summary>
    public static string Format(string clusterId, int version) => clusterId + ":" + version.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a payload; the cluster id is everything before the last ':', since cluster ids may contain ':'.</summary>
    public static bool TryParse(string payload, out string clusterId, out int version)
    {
        var colon = payload.LastIndexOf(':');
        if (colon > 0 && int.TryParse(payload.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out version))
        {
            clusterId = payload[..colon];
            return true;
        }

        clusterId = string.Empty;
        version = 0;
        return false;
    }
}
