using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Cluster.Runtime.Membership;

/// <summary>
/// One start of one silo: the endpoint it listens on plus a generation that tells its starts apart, so a silo
/// that restarts on the same host and port is a new member and never revives its predecessor's row. Written as
/// <c>host:port@generation</c> (an IPv6 host in brackets). Hosts are kept in lowercase, so equality ignores case as
/// DNS does.
/// </summary>
public sealed record SiloAddress
{
    /// <summary>The first instant generations count from: 2020-01-01 UTC.</summary>
    public static readonly DateTimeOffset GenerationEpoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string Form = "'host:port@generation', such as '10.0.0.5:11111@170000000000' or '[::1]:11111@170000000000'";

    // The last generation this process issued, so two silos started within one millisecond still differ.
    private static long _lastIssuedGeneration;

    /// <summary>Creates an address; <paramref name="host"/> is stored in lowercase.</summary>
    /// <param name="host">An IP literal (IPv6 without brackets) or a host name.</param>
    /// <param name="port">The silo's port, 1 to 65535.</param>
    /// <param name="generation">The start's generation, positive.</param>
    /// <exception cref="ArgumentException">An argument is out of range; the message says which and why.</exception>
    public SiloAddress(string host, int port, long generation)
    {
        if (DescribeInvalidHost(host) is { } hostProblem)
        {
            throw new ArgumentException(hostProblem, nameof(host));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThan(generation, 1);
        Host = host.ToLowerInvariant();
        Port = port;
        Generation = generation;
    }

    /// <summary>The host name or IP literal, lowercase.</summary>
    public string Host { get; }

    /// <summary>The port the silo listens on.</summary>
    public int Port { get; }

    /// <summary>Milliseconds from <see cref="GenerationEpoch"/> to the start, unique per start of one endpoint.</summary>
    public long Generation { get; }

    /// <summary>
    /// The address of a silo starting now on <paramref name="host"/>:<paramref name="port"/>: its generation is the
    /// current time in milliseconds since <see cref="GenerationEpoch"/>, and above every generation this process has
    /// issued before. Across processes the clock keeps generations increasing; the membership table also refuses a
    /// row whose generation is not above those of its endpoint (see <see cref="IMembershipTable.InsertRowAsync"/>).
    /// </summary>
    /// <param name="host">An IP literal or a host name.</param>
    /// <param name="port">The silo's port.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <c>null</c>.</param>
    public static SiloAddress Create(string host, int port, TimeProvider? timeProvider = null)
    {
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        while (true)
        {
            var last = Volatile.Read(ref _lastIssuedGeneration);
            var generation = GenerationAfter(last, now);
            if (Interlocked.CompareExchange(ref _lastIssuedGeneration, generation, last) == last)
            {
                return new SiloAddress(host, port, generation);
            }
        }
    }

    /// <summary>
    /// The generation of a start at <paramref name="now"/> that must exceed <paramref name="previous"/> (such as the
    /// highest generation of the endpoint found in the table): the later of the clock's value and previous + 1.
    /// </summary>
    /// <param name="previous">A generation the new one must exceed; 0 for none.</param>
    /// <param name="now">The start time.</param>
    public static long GenerationAfter(long previous, DateTimeOffset now)
    {
        var byClock = Math.Max(1, (long)(now - GenerationEpoch).TotalMilliseconds);
        return Math.Max(byClock, previous + 1);
    }

    /// <summary>Parses the <see cref="ToString"/> form.</summary>
    /// <param name="text">Text such as <c>10.0.0.5:11111@170000000000</c>.</param>
    /// <exception cref="FormatException">The text is not in that form; the message says what is wrong.</exception>
    public static SiloAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var address, out var problem) ? address : throw new FormatException(problem);
    }

    /// <summary>Parses the <see cref="ToString"/> form without throwing.</summary>
    /// <param name="text">The text, possibly <c>null</c>.</param>
    /// <param name="address">The address when the text is valid.</param>
    /// <returns>Whether the text is a valid address.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SiloAddress? address) =>
        TryParse(text, out address, out _);

    /// <summary>Whether <paramref name="other"/> is on the same host and port, whatever its generation.</summary>
    /// <param name="other">The other address.</param>
    public bool IsSameEndpoint(SiloAddress other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Port == other.Port && string.Equals(Host, other.Host, StringComparison.Ordinal);
    }

    /// <summary>The address as <c>host:port@generation</c>, with an IPv6 host in brackets.</summary>
    public override string ToString()
    {
        var host = Host.Contains(':', StringComparison.Ordinal) ? "[" + Host + "]" : Host;
        return string.Create(CultureInfo.InvariantCulture, $"{host}:{Port}@{Generation}");
    }

    private static bool TryParse(string? text, [NotNullWhen(true)] out SiloAddress? address, out string problem)
    {
        address = null;
        if (string.IsNullOrEmpty(text))
        {
            problem = $"A silo address cannot be empty; use the form {Form}.";
            return false;
        }

        var at = text.LastIndexOf('@');
        var colon = at < 0 ? -1 : text.LastIndexOf(':', at);
        if (at < 0 || colon < 0)
        {
            problem = $"'{text}' is not a silo address: it lacks the {(at < 0 ? "'@generation'" : "':port'")} part; use the form {Form}.";
            return false;
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']') && host.Length > 2)
        {
            host = host[1..^1];
        }

        if (DescribeInvalidHost(host) is { } hostProblem)
        {
            problem = $"'{text}' is not a silo address: {hostProblem} Use the form {Form}.";
            return false;
        }

        if (!int.TryParse(text.AsSpan(colon + 1, at - colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            problem = $"'{text}' is not a silo address: the port '{text[(colon + 1)..at]}' is not a number from 1 to 65535; use the form {Form}.";
            return false;
        }

        if (!long.TryParse(text.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var generation) || generation < 1)
        {
            problem = $"'{text}' is not a silo address: the generation '{text[(at + 1)..]}' is not a positive whole number; use the form {Form}.";
            return false;
        }

        address = new SiloAddress(host, port, generation);
        problem = string.Empty;
        return true;
    }

    private static string? DescribeInvalidHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return "The host is empty.";
        }

        if (host.Length > 255)
        {
            return "The host is longer than 255 characters.";
        }

        foreach (var c in host)
        {
            // '@', brackets and whitespace would make the text form ambiguous.
            if (c is '@' or '[' or ']' or '/' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                var shown = char.IsWhiteSpace(c) || char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'";
                return $"The host '{host}' contains {shown}, which no host name or IP literal has.";
            }
        }

        return null;
    }
}
