using System.Diagnostics;
using System.Globalization;

namespace Cluster.Benchmarks.ChatStreams;

/// <summary>Reads one SSE response, timing every <c>timestamp|index;</c> token it carries and checking their order.</summary>
internal static class StreamReading
{
    /// <summary>The latencies (Stopwatch ticks) of the stream's chunks in order; throws when one is lost or out of order.</summary>
    public static async Task<long[]> ReadAsync(HttpResponseMessage response, int chunks, string contentKey)
    {
        response.EnsureSuccessStatusCode();
        var latencies = new long[chunks];
        var next = 0;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            var now = Stopwatch.GetTimestamp();
            var at = line.IndexOf(contentKey, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var start = at + contentKey.Length;
            var content = line.AsSpan(start, line.IndexOf('"', start) - start);
            foreach (var range in content.Split(';'))
            {
                var token = content[range];
                if (token.IsEmpty)
                {
                    continue;
                }

                var bar = token.IndexOf('|');
                var index = int.Parse(token[(bar + 1)..], CultureInfo.InvariantCulture);
                if (index != next)
                {
                    throw new InvalidOperationException($"Chunk {index} arrived where chunk {next} was due: lost or reordered.");
                }

                latencies[next++] = now - long.Parse(token[..bar], CultureInfo.InvariantCulture);
            }
        }

        if (next != chunks)
        {
            throw new InvalidOperationException($"The stream ended after {next} of {chunks} chunks.");
        }

        return latencies;
    }
}
