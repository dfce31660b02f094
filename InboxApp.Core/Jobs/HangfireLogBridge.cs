using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using MsLevel = Microsoft.Extensions.Logging.LogLevel;

namespace InboxApp.Core.Jobs;

/// <summary>
/// Hangfire logs through one static provider. Its own (bound to the first host's logger factory) breaks as soon as that host
/// is disposed while another runs on, which tests do all the time. This bridge writes each message to the logger factory of
/// the newest app host still running, and drops it when there is none.
/// </summary>
public sealed class HangfireLogBridge : ILogProvider
{
    public static readonly HangfireLogBridge Instance = new();
    private static readonly object Gate = new();
    private static readonly List<ILoggerFactory> Factories = [];

    private HangfireLogBridge() { }

    /// <summary>Sends Hangfire's messages to <paramref name="factory"/> until the returned handle is disposed (the host stops).</summary>
    public static IDisposable Attach(ILoggerFactory factory)
    {
        lock (Gate) Factories.Add(factory);
        LogProvider.SetCurrentLogProvider(Instance);
        return new Detach(factory);
    }

    public ILog GetLogger(string name) => new BridgedLog(name);

    private static ILoggerFactory? Current()
    {
        lock (Gate) return Factories.Count == 0 ? null : Factories[^1];
    }

    private sealed class Detach(ILoggerFactory factory) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate) Factories.Remove(factory);
        }
    }

    private sealed class BridgedLog(string name) : ILog
    {
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (Current() is not { } factory) return false;
            try
            {
                var logger = factory.CreateLogger(name);
                var level = logLevel switch
                {
                    HangfireLevel.Trace => MsLevel.Trace,
                    HangfireLevel.Debug => MsLevel.Debug,
                    HangfireLevel.Info => MsLevel.Information,
                    HangfireLevel.Warn => MsLevel.Warning,
                    HangfireLevel.Error => MsLevel.Error,
                    _ => MsLevel.Critical,
                };
                if (messageFunc is null) return logger.IsEnabled(level);
                if (!logger.IsEnabled(level)) return false;
                logger.Log(level, 0, messageFunc(), exception, static (message, _) => message);
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
