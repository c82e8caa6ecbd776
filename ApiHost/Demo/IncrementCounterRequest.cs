namespace Cluster.ApiHost.Demo;

/// <summary>Body of <c>POST /api/demo/counters/{name}/increment</c>.</summary>
/// <param name="Amount">How much to add, 1 to 1000.</param>
public sealed record IncrementCounterRequest(int Amount);
