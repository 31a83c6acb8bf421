using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BackCare.Data.Tests.Infrastructure;

/// <summary>
/// Once armed, holds the first command that touches <paramref name="table"/> right after it has run, inside its
/// transaction, until the test releases it: the test then knows for certain that the transaction is half done, with
/// no sleeps. Every other command, and every command before arming, passes.
/// </summary>
internal sealed class HoldAtFirstCommand(string table) : DbCommandInterceptor
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int armed;

    /// <summary>Completes when the held command has run and is waiting.</summary>
    public Task Reached => reached.Task;

    public void Arm() => Interlocked.Exchange(ref armed, 1);

    public void Release() => released.TrySetResult();

    public override async ValueTask<int> NonQueryExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await HoldAsync(command);
        return result;
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        await HoldAsync(command);
        return result;
    }

    private async Task HoldAsync(DbCommand command)
    {
        if (command.CommandText.Contains(table, StringComparison.Ordinal) && Interlocked.CompareExchange(ref armed, 0, 1) == 1)
        {
            reached.TrySetResult();
            await released.Task;
        }
    }
}
