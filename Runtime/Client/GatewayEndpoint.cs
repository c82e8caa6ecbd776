using System.Globalization;

namespace Cluster.Runtime.Client;

/// <summary>A silo gateway's host and port, parsed from <c>host:port</c>.</summary>
internal readonly record struct GatewayEndpoint(string Host, int Port)
{
    public static bool TryParse(string text, out GatewayEndpoint endpoint)
    {
        endpoint = default;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        endpoint = new GatewayEndpoint(text[..colon].Trim('[', ']'), port);
        return true;
    }

    public override string ToString() => $"{Host}:{Port}";
}
