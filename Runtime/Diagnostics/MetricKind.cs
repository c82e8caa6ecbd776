namespace Cluster.Runtime.Diagnostics;

/// <summary>How an instrument's measurements are kept, and the Prometheus type they are shown as.</summary>
internal enum MetricKind
{
    /// <summary>Measurements are added up; a Prometheus counter (Counter).</summary>
    Sum,

    /// <summary>Measurements are added up but may go down; a Prometheus gauge (UpDownCounter).</summary>
    UpDownSum,

    /// <summary>The last measurement of this collection is kept; a gauge (ObservableGauge, ObservableUpDownCounter).</summary>
    LastValue,

    /// <summary>The last measurement is kept until another replaces it; a gauge (Gauge).</summary>
    LastSet,

    /// <summary>The last measurement is a running total; a counter (ObservableCounter).</summary>
    ObservedTotal,

    /// <summary>Measurements are counted into buckets; a histogram (Histogram).</summary>
    Histogram,
}
