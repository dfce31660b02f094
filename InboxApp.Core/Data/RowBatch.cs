using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace InboxApp.Core.Data;

/// <summary>
/// New rows and tracked entities' updates sent to PostgreSQL as one <see cref="DbBatch"/>: one round trip inside the
/// context's current transaction, each distinct statement prepared once per connection (Npgsql keeps it across the pool), the
/// parameters bound by position. The webhook worker's PostgreSQL counterpart of <see cref="PreparedInsert"/> and
/// <see cref="PreparedUpdate"/> (SQLite has no batches and needs its statements compiled once instead): EF Core's
/// <c>SaveChanges</c> spent most of a batch's save building a command per row from the change tracker. Columns, value
/// converters and parameter types come from the EF Core model, so the rows are stored as <c>SaveChanges</c> would store them;
/// strings lose their NUL characters as <see cref="NulCharacterInterceptor"/> does for EF Core's commands (PostgreSQL refuses
/// them). Updates write the changed columns only, with the concurrency tokens in the WHERE clause: a row changed meanwhile
/// throws <see cref="DbUpdateConcurrencyException"/> from <see cref="ExecuteAsync"/> and the transaction must roll back.
/// </summary>
public sealed class RowBatch
{
    private readonly DbBatch batch;
    private readonly DbCommand parameters;
    private readonly ISqlGenerationHelper sql;
    private readonly DbContext db;
    private readonly List<(DbBatchCommand Command, EntityEntry Entry)> mustWriteOne = [];

    private RowBatch(DbContext db)
    {
        this.db = db;
        var connection = db.Database.GetDbConnection();
        batch = connection.CreateBatch();
        batch.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A row batch runs inside the caller's transaction");
        parameters = connection.CreateCommand();
        sql = db.GetService<ISqlGenerationHelper>();
    }

    /// <summary>Whether the context's database takes row batches (PostgreSQL).</summary>
    public static bool Supported(DbContext db) => db.Database.IsNpgsql();

    /// <summary>A batch for the context's current transaction.</summary>
    public static RowBatch For(DbContext db) => new(db);

    /// <summary>How many statements the batch holds.</summary>
    public int Count => batch.BatchCommands.Count;

    /// <summary>
    /// Adds an INSERT for each tracked, added entity of <typeparamref name="T"/> and marks it unchanged, so that a following
    /// <c>SaveChanges</c> writes the rest only. Returns how many it added.
    /// </summary>
    public int InsertAdded<T>() where T : class
    {
        var entries = db.ChangeTracker.Entries<T>().Where(e => e.State == EntityState.Added).ToList();
        Insert(entries.Select(e => e.Entity).ToList());
        foreach (var entry in entries) entry.State = EntityState.Unchanged;
        return entries.Count;
    }

    /// <summary>Adds one INSERT per row (the rows are not tracked by the context).</summary>
    public void Insert<T>(IReadOnlyList<T> rows) where T : class
    {
        if (rows.Count == 0) return;
        var (entityType, table) = Table<T>();
        var columns = entityType.GetProperties()
            .Where(p => p.GetColumnName(table) is not null && p.GetComputedColumnSql(table) is null)
            .Select(p => (Property: p, Getter: p.GetGetter()))
            .ToArray();
        var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)))}) "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => "$" + (i + 1)))})";
        foreach (var row in rows)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = text;
            foreach (var (property, getter) in columns) command.Parameters.Add(Parameter(property, getter.GetClrValueUsingContainingEntity(row)));
            batch.BatchCommands.Add(command);
        }
    }

    /// <summary>
    /// Adds an UPDATE for each tracked, modified entity of <typeparamref name="T"/> (its changed columns) and marks the entity
    /// unchanged, so that a following <c>SaveChanges</c> writes the rest only. An entity with a changed property that has no
    /// column of its own is left to <c>SaveChanges</c>. Returns how many it added.
    /// </summary>
    public int UpdateModified<T>() where T : class
    {
        var (entityType, table) = Table<T>();
        var key = entityType.FindPrimaryKey()!.Properties;
        var where = key.Concat(entityType.GetProperties().Where(p => p.IsConcurrencyToken)).ToArray();
        var texts = new Dictionary<string, string>();
        var written = new List<EntityEntry<T>>();
        foreach (var entry in db.ChangeTracker.Entries<T>())
        {
            if (entry.State != EntityState.Modified) continue;
            var changed = entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata).ToArray();
            if (changed.Length == 0 || changed.Any(p => p.GetColumnName(table) is null || p.IsPrimaryKey())) continue;
            var signature = string.Join(",", changed.Select(p => p.Name));
            if (!texts.TryGetValue(signature, out var text))
            {
                var n = 0;
                texts[signature] = text = $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET "
                    + string.Join(", ", changed.Select(p => $"{sql.DelimitIdentifier(p.GetColumnName(table)!)} = ${++n}"))
                    + " WHERE " + string.Join(" AND ", where.Select(p => p.IsNullable
                        ? $"{sql.DelimitIdentifier(p.GetColumnName(table)!)} IS NOT DISTINCT FROM ${++n}"
                        : $"{sql.DelimitIdentifier(p.GetColumnName(table)!)} = ${++n}"));
            }
            var command = batch.CreateBatchCommand();
            command.CommandText = text;
            foreach (var property in changed) command.Parameters.Add(Parameter(property, entry.Property(property.Name).CurrentValue));
            foreach (var property in where) command.Parameters.Add(Parameter(property, entry.Property(property.Name).OriginalValue));
            batch.BatchCommands.Add(command);
            mustWriteOne.Add((command, entry));
            written.Add(entry);
        }
        foreach (var entry in written)
        {
            entry.OriginalValues.SetValues(entry.CurrentValues);
            entry.State = EntityState.Unchanged;
        }
        return written.Count;
    }

    /// <summary>After <see cref="ExecuteAsync"/> threw <see cref="DbUpdateConcurrencyException"/>: the tracked entities whose update found no row.</summary>
    public IReadOnlyList<EntityEntry> Conflicts { get; private set; } = [];

    /// <summary>Sends the batch (prepared) in one round trip; throws <see cref="DbUpdateConcurrencyException"/> if an update found no row.</summary>
    public async Task<int> ExecuteAsync(CancellationToken ct)
    {
        if (batch.BatchCommands.Count == 0) return 0;
        await batch.PrepareAsync(ct);
        await batch.ExecuteNonQueryAsync(ct);
        // Every statement ran (an UPDATE that finds no row is no error on PostgreSQL): Conflicts names every entity whose row
        // changed or is gone, so a caller may reload those and write them again in the same transaction.
        Conflicts = mustWriteOne.Where(m => m.Command.RecordsAffected != 1).Select(m => m.Entry).ToList();
        if (Conflicts.Count > 0)
            throw new DbUpdateConcurrencyException($"The {Conflicts[0].Metadata.ClrType.Name} changed or was deleted since it was read");
        return batch.BatchCommands.Count;
    }

    private (IEntityType EntityType, StoreObjectIdentifier Table) Table<T>()
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        return (entityType, StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema()));
    }

    /// <summary>A positional parameter typed and converted as the EF Core model maps the property.</summary>
    private DbParameter Parameter(IProperty property, object? value)
    {
        var parameter = ((RelationalTypeMapping)property.GetRelationalTypeMapping()).CreateParameter(parameters, "", value, property.IsNullable);
        parameter.ParameterName = "";
        return PreparedInsert.WithoutNul(parameter);
    }
}
