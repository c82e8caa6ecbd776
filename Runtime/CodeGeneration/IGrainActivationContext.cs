using System.ComponentModel;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Runtime.CodeGeneration;

/// <summary>What a generated grain activator needs to construct a grain instance.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGrainActivationContext
{
    /// <summary>The identity of the activation being created.</summary>
    GrainId GrainId { get; }

    /// <summary>The silo's services, for constructor parameters.</summary>
    IServiceProvider Services { get; }

    /// <summary>The state bound to a <see cref="PersistentStateAttribute"/> parameter; read before <c>OnActivateAsync</c>.</summary>
    IPersistentState<TState> GetPersistentState<TState>(string stateName, string storageName, Func<TState> createDefault);
}
