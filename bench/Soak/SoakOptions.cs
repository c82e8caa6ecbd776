using System.Globalization;

namespace Cluster.Benchmarks.Soak;

/// <summary>What one soak run does; read from the command line (see <see cref="Usage"/>).</summary>
internal sealed record SoakOptions(
    TimeSpan Duration,
    int Silos,
    int Workers,
    string SiloAssembly,
    string ApiHostAssembly,
    string Postgres,
    string PostgresRestart,
    string? ReportPath)
{
    public const string Usage =
        "Usage: Cluster.Soak --silo <Cluster.Silo.dll> --api-host <Cluster.ApiHost.dll> --postgres <connection string> " +
        "--postgres-restart <shell command> [--duration seconds (120)] [--silos N (3)] [--workers N (8)] [--report file.md]";

    /// <summary>The options, or an error that says which argument to fix.</summary>
    public static (SoakOptions? Options, string? Error) Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 0; index < args.Length; index += 2)
        {
            if (!args[index].StartsWith("--", StringComparison.Ordinal) || index + 1 >= args.Length)
            {
                return (null, $"'{args[index]}' has no value. {Usage}");
            }

            values[args[index][2..]] = args[index + 1];
        }

        string? Required(string name) => values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        int Number(string name, int fallback) => values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        var silo = Required("silo");
        var api = Required("api-host");
        var postgres = Required("postgres");
        var restart = Required("postgres-restart");
        if (silo is null || api is null || postgres is null || restart is null)
        {
            return (null, $"--silo, --api-host, --postgres and --postgres-restart are required. {Usage}");
        }

        var unknown = values.Keys.Except(["silo", "api-host", "postgres", "postgres-restart", "duration", "silos", "workers", "report"]).ToList();
        if (unknown.Count > 0)
        {
            return (null, $"Unknown argument --{unknown[0]}. {Usage}");
        }

        var duration = TimeSpan.FromSeconds(Number("duration", 120));
        var silos = Number("silos", 3);
        var workers = Number("workers", 8);
        if (duration < TimeSpan.FromSeconds(60) || silos < 2 || workers is < 1 or > 256)
        {
            return (null, "--duration must be at least 60 seconds, --silos at least 2 (one is killed while the others serve), --workers 1 to 256.");
        }

        return (new SoakOptions(duration, silos, workers, silo, api, postgres, restart, values.GetValueOrDefault("report")), null);
    }
}
