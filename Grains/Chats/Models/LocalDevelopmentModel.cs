using System.Runtime.CompilerServices;
using Cluster.Grains.Interfaces.Chats;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Chats.Models;

/// <summary>
/// The model of the embedded default: no language model at all, but a stand-in that streams like one (word by word,
/// at <see cref="LocalModelOptions.WordsPerSecond"/>), says what it is, and quotes the user, so the whole chat path —
/// streaming, stop, resume, history — works on a fresh checkout with nothing else installed. A message that starts
/// with <c>/words N</c> gets an answer of N words (1 to 100,000), to try stopping and resuming long answers.
/// </summary>
public sealed class LocalDevelopmentModel(IOptionsMonitor<ChatOptions> options, TimeProvider timeProvider) : IChatModelProvider
{
    private const int QuotedWords = 40;
    private const string LengthCommand = "/words ";

    private static readonly string[] Filler =
        "Configure Chat:Models with an OpenAI-compatible provider to get real answers; until then this local model streams placeholder text at a steady pace so that streaming, stopping, resuming and history can be tried end to end."
            .Split(' ');

    public async IAsyncEnumerable<ModelStreamItem> StreamAsync(
        ChatModelOptions model, IReadOnlyList<ChatPromptMessage> conversation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(conversation);
        var local = options.CurrentValue.Local;
        var interval = TimeSpan.FromSeconds(1.0 / local.WordsPerSecond);
        var question = conversation.LastOrDefault(message => message.Role == "user")?.Text ?? string.Empty;
        var quoted = Words(question).Take(QuotedWords).ToList();
        var replyWords = ReplyWordsOf(question) ?? local.ReplyWords;
        var start = timeProvider.GetTimestamp();
        var emitted = 0;

        if (model.Reasoning)
        {
            foreach (var word in Words($"The question has {Words(question).Count()} words; a real model would think here. This is the local development model."))
            {
                await PaceAsync(++emitted);
                yield return ModelStreamItem.OfReasoning(emitted == 1 ? word : " " + word);
            }
        }

        // Shows that the administrators' chat system prompt reaches the model, which a developer could not see otherwise.
        var system = conversation.FirstOrDefault(message => message.Role == "system")?.Text;
        var preface = system is null ? string.Empty : $"Following the system prompt \u201c{string.Join(' ', Words(system).Take(8))}\u201d. ";
        var answer = Words(preface + "This is the local development model of the cluster, not a language model. You wrote:")
            .Concat(quoted.Count == 0 ? ["(nothing)"] : quoted.Select((word, index) => index == 0 ? "\u201c" + word : word))
            .ToList();
        if (quoted.Count > 0)
        {
            answer[^1] += "\u201d";
        }

        var total = Math.Max(replyWords, answer.Count);
        for (var index = 0; index < total; index++)
        {
            var word = index < answer.Count ? answer[index] : Filler[(index - answer.Count) % Filler.Length];
            await PaceAsync(++emitted);
            yield return ModelStreamItem.OfText(index == 0 ? word : " " + word);
        }

        var input = conversation.Sum(message => Words(message.Text).Count());
        yield return ModelStreamItem.OfUsage(new ModelUsage(input, emitted, model.Reasoning ? emitted - total : 0));

        // Due times count from the start, so delays do not add up to a slower pace.
        Task PaceAsync(int word)
        {
            var due = interval * word - timeProvider.GetElapsedTime(start);
            return due > TimeSpan.Zero ? Task.Delay(due, timeProvider, cancellationToken) : Task.CompletedTask;
        }
    }

    public Task<string> CompleteAsync(ChatModelOptions model, string instructions, string prompt, CancellationToken cancellationToken) =>
        Task.FromResult(string.Join(' ', Words(prompt).Take(12)));

    private static int? ReplyWordsOf(string question) =>
        question.StartsWith(LengthCommand, StringComparison.Ordinal)
        && int.TryParse(Words(question[LengthCommand.Length..]).FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var words)
        && words is >= 1 and <= 100_000
            ? words
            : null;

    private static IEnumerable<string> Words(string text) => text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
}
