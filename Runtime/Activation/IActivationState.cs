namespace Cluster.Runtime.Activation;

/// <summary>State the activation loads before <c>OnActivateAsync</c>.</summary>
internal interface IActivationState
{
    Task LoadAsync(CancellationToken cancellationToken);
}
