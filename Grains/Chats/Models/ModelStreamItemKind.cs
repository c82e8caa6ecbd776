namespace Cluster.Grains.Chats.Models;

/// <summary>What a <see cref="ModelStreamItem"/> carries.</summary>
public enum ModelStreamItemKind
{
    /// <summary>A piece of the answer.</summary>
    Text,

    /// <summary>A piece of the model's reasoning, streamed before the answer by reasoning models.</summary>
    Reasoning,

    /// <summary>The tokens the answer took, given once at the end when the provider reports them.</summary>
    Usage,
}
