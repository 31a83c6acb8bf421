using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BackCare.Web.Tests;

/// <summary>One entry the host logged: its category, level, message and exception.</summary>
public sealed record LoggedEntry(string Category, LogLevel Level, string Message, Exception? Exception);

/// <summary>A logger provider that keeps every entry in memory, so that a test can read what the host logged.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedEntry> _entries = new();

    public IReadOnlyList<LoggedEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LoggedEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LoggedEntry(category, logLevel, formatter(state, exception), exception));
    }
}
