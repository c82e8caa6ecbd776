using System.Text.Json;

namespace Cluster.Benchmarks.Soak;

/// <summary>Reads back every acknowledged write of the <see cref="Ledger"/> after the run.</summary>
internal sealed class Verifier(SoakClient api, Ledger ledger)
{
    /// <summary>Per kind of write: how many were checked, and what is missing or wrong, each described.</summary>
    public async Task<IReadOnlyList<(string Kind, int Checked, long Ambiguous, IReadOnlyList<string> Missing)>> VerifyAsync(
        string adminToken, Func<int, Task<string>> tokenOf)
    {
        var results = new List<(string, int, long, IReadOnlyList<string>)>();

        var counterMissing = new List<string>();
        foreach (var (key, (acknowledged, ambiguous)) in ledger.Counters)
        {
            var value = (await ReadAsync($"/api/demo/counters/{key}", null)).GetProperty("value").GetInt64();
            if (value < acknowledged || value > acknowledged + ambiguous)
            {
                counterMissing.Add($"counter {key}: {value}, expected {acknowledged} acknowledged increments (+ up to {ambiguous} that failed)");
            }
        }

        results.Add(("counter increments", ledger.Counters.Values.Sum(entry => (int)entry.Acknowledged), ledger.Counters.Values.Sum(entry => entry.Ambiguous), counterMissing));

        var configMissing = new List<string>();
        foreach (var (name, versions) in ledger.ConfigVersions)
        {
            var listed = (await ReadAsync($"/api/config/{name}/versions", adminToken)).GetProperty("versions").EnumerateArray()
                .Select(version => version.GetProperty("version").GetString()).ToHashSet(StringComparer.Ordinal);
            configMissing.AddRange(versions.Where(version => !listed.Contains(version)).Select(version => $"config {name}: version {version} is not listed"));
        }

        results.Add(("config versions", ledger.ConfigVersions.Values.Sum(versions => versions.Count), 0, configMissing));

        var chatMissing = new List<string>();
        foreach (var (worker, chatId, messageId) in ledger.Chats)
        {
            var chat = await ReadAsync($"/api/chat/{chatId}", await tokenOf(worker));
            if (!chat.GetProperty("messages").EnumerateArray().Any(message => message.GetProperty("id").GetString() == messageId && message.GetProperty("role").GetString() == "assistant"))
            {
                chatMissing.Add($"chat {chatId}: the finished answer {messageId} is not stored");
            }
        }

        results.Add(("finished chat answers", ledger.Chats.Count, 0, chatMissing));

        var groupMissing = new List<string>();
        var uncertain = 0;
        foreach (var (groupId, (userId, member)) in ledger.Groups)
        {
            if (member is not { } expected)
            {
                uncertain++;
                continue;
            }

            var members = (await ReadAsync($"/api/admin/groups/{groupId}", adminToken)).GetProperty("memberIds").EnumerateArray().Select(id => id.GetString()).ToList();
            if (members.Contains(userId) != expected)
            {
                groupMissing.Add($"group {groupId}: user {userId} should {(expected ? string.Empty : "not ")}be a member after the last acknowledged change");
            }
        }

        results.Add(("group memberships", ledger.Groups.Count - uncertain, uncertain, groupMissing));
        return results;
    }

    // The cluster has recovered by now; a read that fails is retried a few times before it counts as missing data.
    private async Task<JsonElement> ReadAsync(string path, string? token)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await api.SendAsync(HttpMethod.Get, path, token);
            }
            catch (SoakFailure) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
        }
    }
}
