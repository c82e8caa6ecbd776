namespace Cluster.ApiHost.Widgets;

/// <summary>A bundle could not be registered or served; the message says why and what to fix.</summary>
public sealed class WidgetException(WidgetFailure failure, string message) : Exception(message)
{
    public WidgetFailure Failure { get; } = failure;
}
