using System.Buffers;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Messaging.Wire;
using Cluster.Runtime.Transport;

namespace Cluster.Runtime.Messaging.Remote;

internal sealed partial class MessageConnection
{
    private void OnRequest(ReadOnlySequence<byte> payload, bool expectsResponse)
    {
        var reader = new WireReader(payload);
        var header = MessageCodec.ReadRequestHeader(ref reader);
        if (expectsResponse && _incoming.Count >= _maxIncoming)
        {
            Refuse(header, expectsResponse, new SiloUnavailableException(
                $"{header.Target} was not called: {_incoming.Count} calls from this connection are already in progress here, the limit of {TransportOptions.SectionName}:{nameof(TransportOptions.MaxIncomingRequests)}. Retry later, or spread the load."));
            return;
        }

        var request = _router.CreateRequest(header.InterfaceName, header.MethodKey);
        if (request is null)
        {
            Refuse(header, expectsResponse, new NotSupportedException(
                $"This process does not know {header.InterfaceName}.{header.MethodKey}. Run the same build of the grain interfaces on every process."));
            return;
        }

        try
        {
            MessageCodec.ReadArguments(reader.Remaining, request, _json);
        }
        catch (Exception exception)
        {
            // Any decoding failure (JSON, a type the serializer cannot create) refuses this call only.
            Refuse(header, expectsResponse, new ArgumentException($"The arguments of {request} could not be read: {exception.Message}"));
            return;
        }

        request.IsDirected = header.Directed;
        request.AddHops(header.HopCount + 1);
        request.Context = header.Context;
        if (expectsResponse)
        {
            // The callee's token: cancelled when the caller sends Cancel, its deadline passes or the connection ends.
            var cancellation = new CancellationTokenSource();
            _incoming[header.CorrelationId] = new IncomingCall(cancellation, request);
            request.CancellationToken = cancellation.Token;
            IRemoteResponder responder = new Responder(this, header.CorrelationId, cancellation, request);
            if (request is IStreamRequest)
            {
                responder = request.PumpItemsToWire(this, header.CorrelationId, responder);
            }
            else
            {
                // The caller stops waiting at its deadline (as Orleans's CancelRequestOnTimeout): a call still queued
                // then is dropped and a running one sees its token. Streams are bounded by the caller's token instead.
                cancellation.CancelAfter(TimeSpan.FromMilliseconds(header.TimeoutMilliseconds));
                cancellation.Token.UnsafeRegister(
                    static state => ((Request)state!).TryFail(new OperationCanceledException("The caller's response timeout passed.")),
                    request);
            }

            request.RespondWhenDone(responder);
        }

        _router.Route(header.Target, request);
    }

    private void Refuse(RequestHeader header, bool expectsResponse, Exception exception)
    {
        if (!expectsResponse)
        {
            LogOneWayRefused(_logger, exception, RemoteName);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        MessageCodec.WriteException(buffer, header.CorrelationId, exception);
        SendResponse(this, header.CorrelationId, buffer);
    }

    /// <summary>Answers one call from the peer when its method ends.</summary>
    private sealed class Responder(MessageConnection connection, long correlationId, CancellationTokenSource cancellation, Request request) : IRemoteResponder
    {
        public void Respond<TResult>(Task<TResult> completed)
        {
            // The call leaves the in-flight set only once its answer is queued: a draining connection closes when
            // that set is empty, and closing flushes what is queued, so no answer is lost to a graceful stop.
            try
            {
                RespondCore(completed);
            }
            finally
            {
                connection._incoming.TryRemove(correlationId, out _);
                cancellation.Dispose();
            }
        }

        private void RespondCore<TResult>(Task<TResult> completed)
        {
            if (cancellation.IsCancellationRequested)
            {
                // Cancelled by the caller, its deadline or the connection's end: nobody waits for this answer, and
                // an answer racing the caller's own timeout must not replace the timeout it reports.
                return;
            }

            var buffer = new ArrayBufferWriter<byte>(256);
            if (completed.IsCompletedSuccessfully)
            {
                try
                {
                    MessageCodec.WriteSuccess(buffer, correlationId, completed.Result, connection._json, request.WasForwarded);
                }
                catch (Exception exception)
                {
                    buffer.Clear();
                    MessageCodec.WriteException(buffer, correlationId, new NotSupportedException(
                        $"The result ({typeof(TResult).Name}) could not be serialized: {exception.Message}"));
                }
            }
            else
            {
                var exception = completed.Exception?.InnerException ?? new OperationCanceledException("The call was cancelled.");
                MessageCodec.WriteException(buffer, correlationId, exception, request.WasForwarded);
            }

            SendResponse(connection, correlationId, buffer);
        }
    }
}
