using System.Diagnostics;
using Cluster.ApiHost.Identity;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Benchmarks;

/// <summary>
/// The CPU cost of a sign-in's password check (<see cref="PasswordHasher.Verify"/>) at the default iteration count,
/// which every login, registration and password change pays on an API host.
/// </summary>
internal static class PasswordHashCost
{
    public static void Run(int samples)
    {
        var hasher = new PasswordHasher(Options.Create(new PasswordHashingOptions()));
        var hash = hasher.Hash("correct horse battery staple");
        hasher.Verify(hash, "warm-up");
        var times = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var clock = Stopwatch.StartNew();
            hasher.Verify(hash, "correct horse battery staple");
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"password check, PBKDF2-HMAC-SHA256 at {new PasswordHashingOptions().Iterations:N0} iterations, {samples} samples: median {times[samples / 2]:F1} ms, p90 {times[samples * 9 / 10]:F1} ms (one core)");
    }
}
