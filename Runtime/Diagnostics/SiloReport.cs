namespace Cluster.Runtime.Diagnostics;

/// <summary>What one silo reports of itself to the dashboard; rates come from the difference of two reports.</summary>
/// <param name="Silo">The silo's address in the cluster (<c>host:port@generation</c>), or <c>local</c> outside one.</param>
/// <param name="Status">Its membership status as it reads it (Joining, Active, ShuttingDown); Active outside a cluster.</param>
/// <param name="CapturedAt">When the report was made.</param>
/// <param name="StartedAt">When the silo's process started.</param>
/// <param name="Process">CPU, memory, GC and thread pool figures.</param>
/// <param name="Connections">Open connections of clients and other silos to this silo's gateway.</param>
/// <param name="ActivationsByType">Activations by grain type.</param>
/// <param name="Calls">The grain-call histogram's series (tags grain.type, interface, method, outcome), in seconds.</param>
/// <param name="Storage">The storage-operation histogram's series (tags storage.provider, operation, outcome), in seconds.</param>
public sealed record SiloReport(
    string Silo,
    string Status,
    DateTimeOffset CapturedAt,
    DateTimeOffset StartedAt,
    ProcessFigures Process,
    int Connections,
    IReadOnlyDictionary<string, int> ActivationsByType,
    IReadOnlyList<HistogramPoint> Calls,
    IReadOnlyList<HistogramPoint> Storage);
