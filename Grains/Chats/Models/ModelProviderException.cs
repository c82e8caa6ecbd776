namespace Cluster.Grains.Chats.Models;

/// <summary>A model provider failed or refused a request; the message says which and why, without secrets.</summary>
public sealed class ModelProviderException : Exception
{
    public ModelProviderException()
    {
    }

    public ModelProviderException(string message)
        : base(message)
    {
    }

    public ModelProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
