using System.Data.Common;
using InboxApp.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InboxApp.Core.Data;

/// <summary>
/// Keeps NUL characters (U+0000) out of the database on every provider: a save removes them from the string properties of
/// added and modified entities (so the tracked entity matches the stored row), and every command removes them from its
/// string parameters (bulk updates, searches and raw SQL included). On PostgreSQL one NUL would fail the whole statement
/// (<c>22021</c>) and, in a webhook delivery, every valid message of it.
/// </summary>
public sealed class NulCharacterInterceptor : DbCommandInterceptor, ISaveChangesInterceptor
{
    public static readonly NulCharacterInterceptor Instance = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context) StripEntities(context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) StripEntities(context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        StripParameters(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        StripParameters(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        StripParameters(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        StripParameters(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        StripParameters(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        StripParameters(command);
        return ValueTask.FromResult(result);
    }

    /// <summary>Strips NUL characters from the string properties of the added and modified entities (what a save does first).</summary>
    internal static void StripEntities(DbContext context)
    {
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            var strings = StringProperties.GetValue(entry.Metadata, static t => t.GetProperties().Where(p => p.ClrType == typeof(string)).ToArray());
            if (strings.Length == 0) continue;
            // Only the string properties, read through one PropertyValues (not a PropertyEntry per property of the entity).
            var values = entry.CurrentValues;
            foreach (var property in strings)
            {
                if (values[property] is string text && NulCharacters.In(text)) values[property] = NulCharacters.Strip(text);
            }
        }
    }

    /// <summary>The string properties of each entity type (kept as long as its model lives).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IEntityType,
        Microsoft.EntityFrameworkCore.Metadata.IProperty[]> StringProperties = new();

    private static void StripParameters(DbCommand command)
    {
        foreach (DbParameter parameter in command.Parameters)
        {
            if (parameter.Value is string text && NulCharacters.In(text)) parameter.Value = NulCharacters.Strip(text);
        }
    }
}
