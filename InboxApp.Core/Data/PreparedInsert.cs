using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace InboxApp.Core.Data;

/// <summary>
/// Inserts many new rows of one entity type through one prepared command, inside the context's current transaction. For the
/// hot path of the webhook worker on SQLite: EF Core's SQLite provider sends one command per row and SQLite compiles each
/// again (for a message: the insert, its four indexes and the search trigger). Here the statement is compiled once per
/// batch and only the parameters change. Columns, converters and parameter types come from the EF Core model, so the rows
/// are stored exactly as <c>SaveChanges</c> would store them. The rows are not tracked by the context afterwards.
/// </summary>
public static class PreparedInsert
{
    public static async Task InsertAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Where(p => p.GetColumnName(table) is not null && p.GetComputedColumnSql(table) is null)
            .Select(p => (Property: p, Column: p.GetColumnName(table)!, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping(), Getter: p.GetGetter()))
            .ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A prepared insert runs inside the caller's transaction");
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column)))}) "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        var parameters = new DbParameter[columns.Length];
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            for (var i = 0; i < columns.Length; i++)
            {
                var (property, _, mapping, getter) = columns[i];
                parameters[i] = WithoutNul(mapping.CreateParameter(command, "@p" + i, getter.GetClrValueUsingContainingEntity(row), property.IsNullable));
            }
            command.Parameters.AddRange(parameters);
            // The first execution compiles the statement; the command keeps it for the next rows.
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The parameter without NUL characters in its text, as <see cref="NulCharacterInterceptor"/> does for EF Core's commands.</summary>
    internal static DbParameter WithoutNul(DbParameter parameter)
    {
        if (parameter.Value is string text && Common.NulCharacters.In(text)) parameter.Value = Common.NulCharacters.Strip(text);
        return parameter;
    }
}

/// <summary>
/// Writes the tracked, modified entities of one type through prepared UPDATE statements, one per set of changed columns,
/// inside the context's current transaction; for the webhook worker on SQLite, where EF Core sends (and SQLite compiles)
/// one UPDATE per row. Only the changed columns are written, with the entity's concurrency tokens in the WHERE clause as
/// <c>SaveChanges</c> would: a row changed meanwhile throws <see cref="DbUpdateConcurrencyException"/>. The written entities
/// are then unchanged in the context, so a following <c>SaveChanges</c> writes the rest only. An entity with a changed
/// property that has no column of its own (an owned or JSON part) is left to <c>SaveChanges</c>.
/// </summary>
public static class PreparedUpdate
{
    /// <param name="db">The context whose modified entities of <typeparamref name="T"/> are written.</param>
    /// <param name="ct">Cancels the writes.</param>
    /// <param name="conflicts">When given, an entity whose row changed meanwhile (or is gone) is added here and stays modified,
    /// instead of throwing: the caller reads it again and writes it again (the other rows are written).</param>
    public static async Task<int> UpdateModifiedAsync<T>(DbContext db, CancellationToken ct, List<EntityEntry<T>>? conflicts = null) where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()!.Properties;
        var tokens = entityType.GetProperties().Where(p => p.IsConcurrencyToken).ToArray();
        var groups = new Dictionary<string, (IProperty[] Columns, List<EntityEntry<T>> Entries)>();
        foreach (var entry in db.ChangeTracker.Entries<T>())
        {
            if (entry.State != EntityState.Modified) continue;
            var changed = entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata).ToArray();
            if (changed.Length == 0 || changed.Any(p => p.GetColumnName(table) is null || p.IsPrimaryKey())) continue;
            var signature = string.Join(",", changed.Select(p => p.Name));
            if (!groups.TryGetValue(signature, out var group)) groups[signature] = group = (changed, []);
            group.Entries.Add(entry);
        }
        if (groups.Count == 0) return 0;

        var sql = db.GetService<ISqlGenerationHelper>();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A prepared update runs inside the caller's transaction");
        var written = 0;
        foreach (var (columns, entries) in groups.Values)
        {
            var where = key.Concat(tokens).ToArray();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET "
                + string.Join(", ", columns.Select((p, i) => $"{sql.DelimitIdentifier(p.GetColumnName(table)!)} = @s{i}"))
                + " WHERE " + string.Join(" AND ", where.Select((p, i) => p.IsNullable
                    ? $"({sql.DelimitIdentifier(p.GetColumnName(table)!)} = @w{i} OR ({sql.DelimitIdentifier(p.GetColumnName(table)!)} IS NULL AND @w{i} IS NULL))"
                    : $"{sql.DelimitIdentifier(p.GetColumnName(table)!)} = @w{i}"));
            var parameters = new DbParameter[columns.Length + where.Length];
            foreach (var entry in entries)
            {
                command.Parameters.Clear();
                for (var i = 0; i < columns.Length; i++)
                    parameters[i] = Parameter(command, "@s" + i, columns[i], entry.Property(columns[i].Name).CurrentValue);
                for (var i = 0; i < where.Length; i++)
                    parameters[columns.Length + i] = Parameter(command, "@w" + i, where[i], entry.Property(where[i].Name).OriginalValue);
                command.Parameters.AddRange(parameters);
                // The first execution compiles the statement; the command keeps it for the next rows.
                if (await command.ExecuteNonQueryAsync(ct) != 1)
                {
                    if (conflicts is null) throw new DbUpdateConcurrencyException($"The {typeof(T).Name} changed or was deleted since it was read");
                    conflicts.Add(entry);
                    continue;
                }
                written++;
            }
        }
        foreach (var (_, entries) in groups.Values)
            foreach (var entry in entries)
            {
                if (conflicts is not null && conflicts.Contains(entry)) continue;
                entry.OriginalValues.SetValues(entry.CurrentValues);
                entry.State = EntityState.Unchanged;
            }
        return written;
    }

    private static DbParameter Parameter(DbCommand command, string name, IProperty property, object? value) =>
        PreparedInsert.WithoutNul(((RelationalTypeMapping)property.GetRelationalTypeMapping()).CreateParameter(command, name, value, property.IsNullable));
}

/// <summary>
/// A statement of the caller's own (one row's UPDATE, say) compiled once and executed once per row inside the context's
/// current transaction, for SQLite's hot paths, where a LINQ <c>ExecuteUpdate</c> or EF Core's save builds, parameterizes
/// and compiles a command for every call. Its parameters <c>@p0</c>, <c>@p1</c> … take the types and converters of the
/// given model properties (<see cref="Property{T}"/>): a Guid, a time, an enum stored as its name are written and compared
/// exactly as EF Core stores them. NUL characters are stripped from text as in EF Core's commands. The caller's SQL filters
/// by the organization itself.
/// </summary>
public sealed class PreparedStatement : IAsyncDisposable
{
    private readonly DbCommand command;
    private readonly (RelationalTypeMapping Mapping, bool Nullable)[] parameters;
    private readonly DbParameter[] values;

    public PreparedStatement(DbContext db, string sql, params IProperty[] properties)
    {
        parameters = properties.Select(p => ((RelationalTypeMapping)p.GetRelationalTypeMapping(), p.IsNullable)).ToArray();
        values = new DbParameter[parameters.Length];
        command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A prepared statement runs inside the caller's transaction");
        command.CommandText = sql;
    }

    /// <summary>The model's property <paramref name="name"/> of <typeparamref name="T"/>, whose type a parameter takes.</summary>
    public static IProperty Property<T>(DbContext db, string name) where T : class =>
        (db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model")).FindProperty(name)
        ?? throw new InvalidOperationException($"{typeof(T).Name} has no property {name}");

    /// <summary>Runs the statement with these values of its parameters, in their order; answers the rows it changed.</summary>
    public async Task<int> ExecuteAsync(CancellationToken ct, params object?[] row)
    {
        if (row.Length != parameters.Length) throw new ArgumentException($"{parameters.Length} values expected", nameof(row));
        command.Parameters.Clear();
        for (var i = 0; i < parameters.Length; i++)
            values[i] = PreparedInsert.WithoutNul(parameters[i].Mapping.CreateParameter(command, "@p" + i, row[i], parameters[i].Nullable));
        command.Parameters.AddRange(values);
        // The first execution compiles the statement; the command keeps it for the next rows.
        return await command.ExecuteNonQueryAsync(ct);
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();
}
