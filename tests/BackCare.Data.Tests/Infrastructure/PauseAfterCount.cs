using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BackCare.Data.Tests.Infrastructure;

/// <summary>
/// Holds every query that counts rows of <paramref name="table"/> for a moment after it has its answer, so that racing
/// transactions surely overlap between a count and the insert that follows it, as they might under load: a guard that
/// only holds when the timing is kind fails every time instead of now and then.
/// </summary>
internal sealed class PauseAfterCount(string table, TimeSpan pause) : DbCommandInterceptor
{
    public override async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.CommandText.Contains("COUNT(", StringComparison.OrdinalIgnoreCase)
            && command.CommandText.Contains(table, StringComparison.Ordinal))
        {
            await Task.Delay(pause, cancellationToken);
        }

        return result;
    }
}
