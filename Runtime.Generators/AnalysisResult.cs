namespace Cluster.Runtime.Generators;

/// <summary>
/// The outcome of examining one declaration: the model to generate from (null when there are errors) and the
/// diagnostics to report. Both halves feed separate outputs so a moved declaration only re-reports.
/// </summary>
/// <typeparam name="TModel">The model type.</typeparam>
internal sealed record AnalysisResult<TModel>(TModel? Model, EquatableArray<DiagnosticInfo> Diagnostics)
    where TModel : class;
