using System.Diagnostics;
using System.Text.Json;

namespace Cluster.Benchmarks.Soak;

/// <summary>
/// The mixed load: each worker is one signed-in user that, in a loop, increments its counter, reads, signs in again,
/// refreshes its session, streams a chat answer, has the administrator change its group membership and saves its
/// config. Every acknowledged write goes to the <see cref="Ledger"/>; every request to the current phase's figures.
/// </summary>
internal sealed class Workload(SoakClient api, Ledger ledger, string run)
{
    // Operation weights out of 100.
    private static readonly (int Weight, string Operation)[] Mix =
    [
        (25, "counter"), (15, "read"), (10, "login"), (5, "refresh"), (15, "chat"), (15, "group"), (15, "config"),
    ];

    private string _adminEmail = string.Empty;
    private string _adminToken = string.Empty;

    public string AdminToken => _adminToken;

    public string AdminEmail => _adminEmail = _adminEmail.Length > 0 ? _adminEmail : $"{run}-admin@soak.example";

    /// <summary>Registers the administrator's account (granted by the caller with the admin command).</summary>
    public async Task RegisterAdminAsync() => await api.RegisterAsync(AdminEmail);

    public async Task SignInAdminAsync() => _adminToken = (await api.LoginAsync(AdminEmail)).AccessToken;

    /// <summary>Runs worker <paramref name="index"/> until <paramref name="stop"/>; each request counts to <paramref name="phase"/>().</summary>
    public async Task RunWorkerAsync(int index, Func<PhaseStats> phase, CancellationToken stop)
    {
        var email = $"{run}-w{index}@soak.example";
        var (access, refresh, userId) = await Retry(() => api.RegisterAsync(email), stop);
        var group = await Retry(() => api.SendAsync(HttpMethod.Post, "/api/admin/groups", _adminToken, new { name = $"{run} group {index}", description = "soak" }), stop);
        var groupId = group.GetProperty("id").GetString()!;
        ledger.Groups[groupId] = (userId, false);
        var counter = $"{run}-w{index}";
        var config = $"{run}-w{index}";
        var random = new Random(index);
        var saves = 0;

        // Requests are never cancelled: a write cut off at the end would have happened unacknowledged, and the check
        // would count it missing. Each one ends by its answer or the client's timeout; the loop stops between them.
        var none = CancellationToken.None;
        while (!stop.IsCancellationRequested)
        {
            var operation = Pick(random.Next(100));
            var clock = Stopwatch.StartNew();
            string? failure = null;
            try
            {
                switch (operation)
                {
                    case "counter":
                        await Write(() => api.SendAsync(HttpMethod.Post, $"/api/demo/counters/{counter}/increment", null, new { amount = 1 }, none), acknowledged => ledger.Increment(counter, acknowledged));
                        break;
                    case "read":
                        await api.SendAsync(HttpMethod.Get, "/api/auth/me", access, cancellationToken: none);
                        break;
                    case "login":
                        (access, refresh, _) = await api.LoginAsync(email);
                        break;
                    case "refresh":
                        // A refresh whose answer was lost rotated the token anyway: sign in rather than replay it.
                        (access, refresh, _) = refresh.Length > 0 ? await api.RefreshAsync(refresh) : await api.LoginAsync(email);
                        break;
                    case "chat":
                        var chatId = Guid.NewGuid().ToString();
                        var messageId = await api.ChatAsync(access, chatId, "How do virtual actors fail over?", none);
                        ledger.Chats.Add((index, chatId, messageId));
                        break;
                    case "group":
                        var member = ledger.Groups[groupId].Member ?? false;
                        var method = member ? HttpMethod.Delete : HttpMethod.Post;
                        await Write(
                            () => api.SendAsync(method, $"/api/admin/groups/{groupId}/members/{userId}", _adminToken, cancellationToken: none),
                            acknowledged => ledger.Groups[groupId] = (userId, acknowledged ? !member : null));
                        break;
                    case "config":
                        saves++;
                        var saved = await Write(
                            () => api.SendAsync(HttpMethod.Post, $"/api/config/{config}", _adminToken, new { config = new { worker = index, save = saves }, message = $"save {saves}" }, none),
                            _ => { });
                        ledger.ConfigVersions.GetOrAdd(config, _ => []).Add(saved.GetProperty("version").GetString()!);
                        break;
                }
            }
            catch (SoakFailure exception)
            {
                failure = exception.Kind;
                if (operation == "refresh")
                {
                    refresh = string.Empty;
                }

                if (exception.Kind.StartsWith("401", StringComparison.Ordinal))
                {
                    // An access token past its lifetime (long runs): sign in again for the next round.
                    if (operation is "group" or "config")
                    {
                        _adminToken = (await Try(() => api.LoginAsync(AdminEmail))).AccessToken ?? _adminToken;
                    }
                    else
                    {
                        access = (await Try(() => api.LoginAsync(email))).AccessToken ?? access;
                    }
                }
            }
            phase().Record(clock.Elapsed, failure is null ? null : $"{operation}: {failure}");
        }
    }

    private static string Pick(int roll)
    {
        foreach (var (weight, operation) in Mix)
        {
            if (roll < weight)
            {
                return operation;
            }

            roll -= weight;
        }

        return Mix[^1].Operation;
    }

    private static async Task<JsonElement> Write(Func<Task<JsonElement>> send, Action<bool> record)
    {
        JsonElement answer;
        try
        {
            answer = await send();
        }
        catch (SoakFailure)
        {
            record(false);
            throw;
        }

        record(true);
        return answer;
    }

    private static async Task<(string? AccessToken, string? RefreshToken)> Try(Func<Task<(string, string, string)>> send)
    {
        try
        {
            var (access, refresh, _) = await send();
            return (access, refresh);
        }
        catch (SoakFailure)
        {
            return (null, null);
        }
    }

    // Set-up steps retried until they succeed: a worker starts only with its account and group.
    private static async Task<T> Retry<T>(Func<Task<T>> step, CancellationToken stop)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await step();
            }
            catch (SoakFailure) when (attempt < 20 && !stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), stop);
            }
        }
    }
}
