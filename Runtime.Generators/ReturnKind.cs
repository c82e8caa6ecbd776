namespace Cluster.Runtime.Generators;

/// <summary>The shapes of grain method results, each sent through a different request base class.</summary>
internal enum ReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
    AsyncEnumerable,
    Void,
}
