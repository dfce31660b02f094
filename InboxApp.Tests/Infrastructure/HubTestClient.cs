using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;

namespace InboxApp.Tests.Infrastructure;

/// <summary>
/// A SignalR client speaking the documented JSON hub protocol over a real WebSocket (the .NET SignalR client package is not
/// on our mirror): handshake, invocations with completions, and the server's invocations collected as they arrive.
/// </summary>
public sealed class HubTestClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly WebSocket socket;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> pending = new();
    private readonly TaskCompletionSource<JsonObject> handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource stop = new();
    private readonly Task reader;
    private int nextId;

    /// <summary>Server-to-client invocations received so far: target and first argument.</summary>
    public ConcurrentQueue<(string Target, JsonNode? Argument)> Received { get; } = new();

    /// <summary>Set when the server closed the connection (with the close message it sent, if any).</summary>
    public TaskCompletionSource<string?> Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubTestClient(WebSocket socket)
    {
        this.socket = socket;
        reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>Connects to <paramref name="path"/> with <paramref name="token"/> as <c>access_token</c> (skipping negotiation, as browser clients may) and completes the handshake.</summary>
    public static async Task<HubTestClient> ConnectAsync(InboxAppFactory factory, string path, string? token)
    {
        var uri = new Uri("ws://localhost" + path + (token is null ? "" : "?access_token=" + Uri.EscapeDataString(token)));
        var socket = await factory.Server.CreateWebSocketClient().ConnectAsync(uri, CancellationToken.None);
        var client = new HubTestClient(socket);
        await client.SendRawAsync("{\"protocol\":\"json\",\"version\":1}");
        await client.handshake.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return client;
    }

    /// <summary>Invokes a hub method; returns the completion message (<c>result</c> or <c>error</c>).</summary>
    public async Task<JsonObject> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref nextId).ToString();
        var completion = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = completion;
        await SendRawAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }));
        return await completion.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Waits for a server invocation of <paramref name="target"/> whose argument matches.</summary>
    public async Task<JsonNode> WaitForAsync(string target, Func<JsonNode, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (Received.FirstOrDefault(r => r.Target == target && r.Argument is not null && match(r.Argument)) is { Argument: { } found }) return found;
            await Task.Delay(20);
        }
        throw new TimeoutException($"No {target} matching the condition; received: {string.Join(", ", Received.Select(r => r.Target + " " + r.Argument?.ToJsonString()))}");
    }

    private async Task SendRawAsync(string json) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, stop.Token);

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Closed.TrySetResult(result.CloseStatusDescription);
                    return;
                }
                text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                var all = text.ToString();
                var end = all.LastIndexOf(RecordSeparator);
                if (end < 0) continue;
                text.Clear().Append(all[(end + 1)..]);
                foreach (var frame in all[..end].Split(RecordSeparator)) Dispatch(JsonNode.Parse(frame)!.AsObject());
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            Closed.TrySetResult(null);
        }
    }

    private void Dispatch(JsonObject message)
    {
        if (!message.ContainsKey("type"))
        {
            handshake.TrySetResult(message);
            return;
        }
        switch ((int)message["type"]!)
        {
            case 1:
                Received.Enqueue(((string)message["target"]!, message["arguments"]?.AsArray().FirstOrDefault()?.DeepClone()));
                break;
            case 3 when pending.TryRemove((string)message["invocationId"]!, out var completion):
                completion.TrySetResult(message);
                break;
            case 7:
                Closed.TrySetResult((string?)message["error"]);
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            if (socket.State == WebSocketState.Open) await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Already gone.
        }
        socket.Dispose();
        stop.Dispose();
    }
}
