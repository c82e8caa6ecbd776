using System.ComponentModel;
using Cluster.Runtime.Core;
using Cluster.Runtime.Messaging;

namespace Cluster.Runtime.CodeGeneration;

/// <summary>
/// The base of generated proxies: a reference to a grain or observer that turns interface calls into requests.
/// Two references are equal when they address the same <see cref="Core.GrainId"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainReference : IAddressable, IEquatable<GrainReference>
{
    /// <summary>Creates a reference; called by generated proxies only.</summary>
    protected GrainReference(GrainCallInvoker invoker, GrainId grainId)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        Invoker = invoker;
        GrainId = grainId;
    }

    /// <summary>The addressed grain or observer.</summary>
    public GrainId GrainId { get; }

    internal GrainCallInvoker Invoker { get; }

    /// <inheritdoc />
    public bool Equals(GrainReference? other) => other is not null && GrainId.Equals(other.GrainId);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GrainReference other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => GrainId.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => GrainId.ToString();

    /// <summary>Sends a request whose method returns a value.</summary>
    protected Task<TResult> InvokeAsync<TResult>(Request<TResult> request)
    {
        var task = request.Task;
        Invoker.Send(this, request);
        return task;
    }

    /// <summary>Sends a request and does not wait for the callee (<c>[OneWay]</c>).</summary>
    protected void InvokeOneWay(VoidRequest request) => Invoker.Send(this, request);

    /// <summary>Returns a stream that sends a new request, made by <paramref name="createRequest"/>, each time it is enumerated.</summary>
    protected IAsyncEnumerable<TItem> InvokeStream<TItem>(Func<StreamRequest<TItem>> createRequest) =>
        new GrainAsyncEnumerable<TItem>(this, createRequest);
}
