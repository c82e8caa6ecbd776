namespace Cluster.Grains.Chats.Models;

/// <summary>One piece of a model's streamed answer: text, reasoning, or (last) the usage.</summary>
/// <param name="Kind">What the piece is.</param>
/// <param name="Text">The text of a text or reasoning piece; empty for usage.</param>
/// <param name="Usage">The usage, for a usage piece.</param>
public readonly record struct ModelStreamItem(ModelStreamItemKind Kind, string Text, ModelUsage? Usage = null)
{
    public static ModelStreamItem OfText(string text) => new(ModelStreamItemKind.Text, text);

    public static ModelStreamItem OfReasoning(string text) => new(ModelStreamItemKind.Reasoning, text);

    public static ModelStreamItem OfUsage(ModelUsage usage) => new(ModelStreamItemKind.Usage, string.Empty, usage);
}
