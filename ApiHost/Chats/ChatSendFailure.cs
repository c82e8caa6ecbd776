namespace Cluster.ApiHost.Chats;

/// <summary>Why a message started no answer, as the HTTP status, the contract's code and a message that says what to do.</summary>
public sealed record ChatSendFailure(int Status, string Code, string Message);
