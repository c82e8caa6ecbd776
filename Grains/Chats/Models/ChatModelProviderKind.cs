namespace Cluster.Grains.Chats.Models;

/// <summary>Which provider serves a chat model.</summary>
public enum ChatModelProviderKind
{
    /// <summary>The local development model built into the silo: no external service, not a real language model.</summary>
    Local,

    /// <summary>An OpenAI-compatible chat completions API (<c>Chat:OpenAI</c>): OpenAI, Azure OpenAI, vLLM, llama.cpp's server, …</summary>
    OpenAI,
}
