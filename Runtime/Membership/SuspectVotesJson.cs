using System.Globalization;
using System.Text.Json;

namespace Cluster.Runtime.Membership;

/// <summary>
/// The stored form of suspicion votes: a JSON array of <c>{"voter": "host:port@generation", "at": "ISO 8601 UTC"}</c>,
/// readable by operators with jsonb operators. Times keep every tick, since the text is stored as written.
/// </summary>
internal static class SuspectVotesJson
{
    private const string VoterProperty = "voter";
    private const string AtProperty = "at";

    /// <summary>The JSON array of <paramref name="votes"/>.</summary>
    public static string Write(IReadOnlyList<SuspectVote> votes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var vote in votes)
            {
                writer.WriteStartObject();
                writer.WriteString(VoterProperty, vote.Voter.ToString());
                writer.WriteString(AtProperty, vote.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The votes in <paramref name="json"/>.</summary>
    /// <exception cref="FormatException">The JSON is not in the stored form.</exception>
    public static IReadOnlyList<SuspectVote> Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var votes = new List<SuspectVote>(document.RootElement.GetArrayLength());
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var voter = SiloAddress.Parse(element.GetProperty(VoterProperty).GetString() ?? string.Empty);
                var at = DateTimeOffset.Parse(element.GetProperty(AtProperty).GetString() ?? string.Empty, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
                votes.Add(new SuspectVote(voter, at));
            }

            return votes;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new FormatException($"Stored suspect votes are not a JSON array of {{\"{VoterProperty}\", \"{AtProperty}\"}} objects: {exception.Message}", exception);
        }
    }
}
