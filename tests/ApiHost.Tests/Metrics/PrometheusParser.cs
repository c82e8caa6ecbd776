using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Cluster.ApiHost.Tests.Metrics;

/// <summary>
/// A strict parser of the Prometheus text exposition format 0.0.4, as the Prometheus server reads it: it throws on
/// anything the server would refuse (bad names, bad escapes, a TYPE after samples, a family split in two, duplicate
/// series, histogram buckets that are not cumulative or lack +Inf equal to the count).
/// </summary>
public static partial class PrometheusParser
{
    public static IReadOnlyDictionary<string, PrometheusFamily> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var families = new Dictionary<string, PrometheusFamily>(StringComparer.Ordinal);
        var closed = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        PrometheusFamily? current = null;
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 3 && parts[1] is "HELP" or "TYPE")
                {
                    var name = parts[2];
                    Check(MetricName().IsMatch(name), number, $"'{name}' is not a metric name");
                    var family = Enter(name);
                    if (parts[1] == "TYPE")
                    {
                        Check(family.Type is null && family.Samples.Count == 0, number, $"TYPE of {name} after its samples or twice");
                        Check(parts.Length == 4 && parts[3] is "counter" or "gauge" or "histogram" or "summary" or "untyped", number, $"unknown type in '{line}'");
                        family.Type = parts[3];
                    }
                    else
                    {
                        Check(family.Help is null, number, $"HELP of {name} twice");
                        family.Help = parts.Length == 4 ? Unescape(parts[3], help: true, number) : string.Empty;
                    }
                }

                continue;
            }

            var sample = ParseSample(line, number);
            var owner = FamilyOf(sample.Name);
            Check(seen.Add(sample.Name + "|" + string.Join(",", sample.Labels.OrderBy(label => label.Key).Select(label => $"{label.Key}={label.Value}"))), number, $"duplicate series {line}");
            Enter(owner).Samples.Add(sample);
        }

        foreach (var family in families.Values)
        {
            Validate(family);
        }

        return families;

        PrometheusFamily Enter(string name)
        {
            if (current?.Name == name)
            {
                return current;
            }

            Check(!closed.Contains(name), number, $"the lines of {name} are not together");
            if (current is not null)
            {
                closed.Add(current.Name);
            }

            current = new PrometheusFamily(name);
            families[name] = current;
            return current;
        }

        string FamilyOf(string sampleName)
        {
            foreach (var suffix in (string[])["_bucket", "_sum", "_count"])
            {
                if (sampleName.EndsWith(suffix, StringComparison.Ordinal) && current?.Name == sampleName[..^suffix.Length] && current.Type is "histogram" or "summary")
                {
                    return current.Name;
                }
            }

            return sampleName;
        }
    }

    private static PrometheusSample ParseSample(string line, int number)
    {
        var match = SampleStart().Match(line);
        Check(match.Success, number, $"'{line}' is not a sample");
        var name = match.Groups[1].Value;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = match.Length;
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (line[position] != '}')
            {
                var label = LabelName().Match(line, position);
                Check(label.Success && label.Index == position, number, $"bad label name in '{line}'");
                position += label.Length;
                Check(line[position] == '=' && line[position + 1] == '"', number, $"bad label in '{line}'");
                position += 2;
                var value = new StringBuilder();
                while (line[position] != '"')
                {
                    if (line[position] == '\\')
                    {
                        position++;
                        value.Append(line[position] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            _ => throw new FormatException($"line {number}: bad escape in '{line}'"),
                        });
                    }
                    else
                    {
                        value.Append(line[position]);
                    }

                    position++;
                }

                Check(labels.TryAdd(label.Value, value.ToString()), number, $"label {label.Value} twice in '{line}'");
                position++;
                if (line[position] == ',')
                {
                    position++;
                }
            }

            position++;
        }

        Check(position < line.Length && line[position] == ' ', number, $"no value in '{line}'");
        var fields = line[(position + 1)..].Split(' ');
        Check(fields.Length is 1 or 2, number, $"'{line}' has more than a value and a timestamp");
        return new PrometheusSample(name, labels, ParseValue(fields[0], number));
    }

    private static double ParseValue(string text, int number) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"line {number}: '{text}' is not a number"),
    };

    private static void Validate(PrometheusFamily family)
    {
        if (family.Type == "counter")
        {
            Check(family.Samples.All(sample => sample.Value >= 0), 0, $"counter {family.Name} went negative");
        }

        if (family.Type != "histogram")
        {
            return;
        }

        foreach (var series in family.Samples.GroupBy(sample => string.Join(",", sample.Labels.Where(label => label.Key != "le").OrderBy(label => label.Key).Select(label => $"{label.Key}={label.Value}"))))
        {
            var buckets = series.Where(sample => sample.Name == family.Name + "_bucket").ToList();
            var count = series.Single(sample => sample.Name == family.Name + "_count").Value;
            Check(series.Any(sample => sample.Name == family.Name + "_sum"), 0, $"{family.Name}{{{series.Key}}} has no _sum");
            Check(buckets.Count > 0 && buckets[^1].Labels["le"] == "+Inf", 0, $"{family.Name}{{{series.Key}}} does not end with le=\"+Inf\"");
            var bounds = buckets.Select(bucket => ParseValue(bucket.Labels["le"], 0)).ToList();
            Check(bounds.Zip(bounds.Skip(1)).All(pair => pair.First < pair.Second), 0, $"{family.Name}{{{series.Key}}} buckets are not in ascending le");
            Check(buckets.Zip(buckets.Skip(1)).All(pair => pair.First.Value <= pair.Second.Value), 0, $"{family.Name}{{{series.Key}}} buckets are not cumulative");
            Check(buckets[^1].Value == count, 0, $"{family.Name}{{{series.Key}}} +Inf bucket is not the count");
        }
    }

    private static string Unescape(string text, bool help, int number)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                builder.Append(text[i]);
                continue;
            }

            i++;
            builder.Append(i < text.Length ? text[i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                '"' when !help => '"',
                _ => throw new FormatException($"line {number}: bad escape in '{text}'"),
            } : throw new FormatException($"line {number}: a trailing backslash"));
        }

        return builder.ToString();
    }

    private static void Check(bool condition, int line, string problem)
    {
        if (!condition)
        {
            throw new FormatException(line > 0 ? $"line {line}: {problem}" : problem);
        }
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^([a-zA-Z_:][a-zA-Z0-9_:]*)")]
    private static partial Regex SampleStart();

    [GeneratedRegex("[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex LabelName();
}
