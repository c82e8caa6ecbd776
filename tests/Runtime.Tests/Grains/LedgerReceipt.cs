namespace Cluster.Runtime.Tests.Grains;

/// <summary>What a ledger append answers: the silo that ran it and the ledger's length and version after it.</summary>
public sealed record LedgerReceipt(string Silo, int Count, string? Etag);
