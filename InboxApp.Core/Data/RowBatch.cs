using System.Collections.Concurrent;
using System.Data.Common;
using InboxApp.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace InboxApp.Core.Data;

/// <summary>
/// New rows and tracked entities' updates sent to PostgreSQL as one <see cref="DbBatch"/>: one round trip inside the
/// context's current transaction, each distinct statement prepared once per connection (Npgsql keeps it across the pool).
/// The webhook worker's PostgreSQL counterpart of <see cref="PreparedInsert"/> and <see cref="PreparedUpdate"/> (SQLite has
/// no batches and needs its statements compiled once instead): EF Core's <c>SaveChanges</c> spent most of a batch's save
/// building a command per row from the change tracker.
/// <para><b>One statement per table, not per row</b> (session 16): the rows of a table go as one array per column,
/// <c>INSERT … SELECT * FROM unnest($1::uuid[], …)</c>, and the updates of a table with the same changed columns as one
/// <c>UPDATE … FROM unnest(…) … RETURNING</c> the keys it wrote. The server parses, plans and executes one statement where
/// it did one per row (a campaign chunk of 25 sends: 3 statements instead of about 100), and the process builds one
/// parameter per column instead of one per column and row. The statement's text depends on the table and its columns only,
/// so it stays prepared whatever the number of rows.</para>
/// <para>Columns, value converters and types come from the EF Core model (cached per entity type), so the rows are stored
/// as <c>SaveChanges</c> would store them; strings lose their NUL characters as <see cref="NulCharacterInterceptor"/> does
/// for EF Core's commands (PostgreSQL refuses them). Updates write the changed columns only, with the key, the concurrency
/// tokens and (for tenant rows) the organization the row was read with in the WHERE clause: a row changed meanwhile throws
/// <see cref="DbUpdateConcurrencyException"/> from <see cref="ExecuteAsync"/> and names it in <see cref="Conflicts"/>.</para>
/// </summary>
public sealed class RowBatch
{
    private readonly NpgsqlBatch batch;
    private readonly DbContext db;
    private readonly List<(NpgsqlBatchCommand Command, EntityEntry Entry)> mustWriteOne = [];
    private readonly List<Dictionary<object, EntityEntry>> mustWriteEach = [];

    private RowBatch(DbContext db)
    {
        this.db = db;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        batch = connection.CreateBatch();
        batch.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A row batch runs inside the caller's transaction");
    }

    /// <summary>Whether the context's database takes row batches (PostgreSQL).</summary>
    public static bool Supported(DbContext db) => db.Database.IsNpgsql();

    /// <summary>A batch for the context's current transaction.</summary>
    public static RowBatch For(DbContext db) => new(db);

    /// <summary>How many statements the batch holds.</summary>
    public int Count => batch.BatchCommands.Count;

    /// <summary>
    /// Adds one INSERT for the tracked, added entities of <typeparamref name="T"/> and marks them unchanged, so that a
    /// following <c>SaveChanges</c> writes the rest only. Returns how many rows it added.
    /// </summary>
    public int InsertAdded<T>() where T : class
    {
        var entries = new List<EntityEntry<T>>();
        foreach (var entry in db.ChangeTracker.Entries<T>())
        {
            if (entry.State == EntityState.Added) entries.Add(entry);
        }
        if (entries.Count == 0) return 0;
        var rows = new T[entries.Count];
        for (var i = 0; i < rows.Length; i++) rows[i] = entries[i].Entity;
        Insert(rows);
        foreach (var entry in entries) entry.State = EntityState.Unchanged;
        return entries.Count;
    }

    /// <summary>Adds one INSERT for all the rows (they are not tracked by the context): one array per column.</summary>
    public void Insert<T>(IReadOnlyList<T> rows) where T : class
    {
        if (rows.Count == 0) return;
        var shape = Shape.Of(db, typeof(T));
        var command = new NpgsqlBatchCommand(shape.InsertText);
        foreach (var column in shape.Insertable)
        {
            var array = column.NewArray(rows.Count);
            for (var i = 0; i < rows.Count; i++) array.SetValue(column.Store(column.Getter.GetClrValueUsingContainingEntity(rows[i])), i);
            command.Parameters.Add(new NpgsqlParameter { Value = array });
        }
        batch.BatchCommands.Add(command);
    }

    /// <summary>
    /// Adds the UPDATEs of the tracked, modified entities of <typeparamref name="T"/> (their changed columns; one statement per
    /// set of changed columns) and marks the entities unchanged, so that a following <c>SaveChanges</c> writes the rest only.
    /// An entity with a changed property that has no column of its own is left to <c>SaveChanges</c>. Returns how many it added.
    /// </summary>
    public int UpdateModified<T>() where T : class
    {
        var shape = Shape.Of(db, typeof(T));
        var groups = new Dictionary<string, (IProperty[] Changed, List<EntityEntry<T>> Entries)>(StringComparer.Ordinal);
        var written = 0;
        foreach (var entry in db.ChangeTracker.Entries<T>())
        {
            if (entry.State != EntityState.Modified) continue;
            var changed = new List<IProperty>();
            var usable = true;
            foreach (var p in entry.Properties)
            {
                if (!p.IsModified) continue;
                var property = (IProperty)p.Metadata;
                if (!shape.ByProperty.ContainsKey(property) || property.IsPrimaryKey()) usable = false;
                changed.Add(property);
            }
            if (changed.Count == 0 || !usable) continue;
            var signature = string.Join(",", changed.Select(p => p.Name));
            if (!groups.TryGetValue(signature, out var group)) groups[signature] = group = ([.. changed], []);
            group.Entries.Add(entry);
        }
        foreach (var (signature, (changed, entries)) in groups)
        {
            if (shape.Key is { } key) AddSetUpdate(shape, key, signature, changed, entries);
            else foreach (var entry in entries) AddRowUpdate(shape, signature, changed, entry);
            foreach (var entry in entries)
            {
                entry.OriginalValues.SetValues(entry.CurrentValues);
                entry.State = EntityState.Unchanged;
            }
            written += entries.Count;
        }
        return written;
    }

    /// <summary>One <c>UPDATE … FROM unnest(…) RETURNING</c> for the rows: the keys it answers are the rows it wrote.</summary>
    private void AddSetUpdate<T>(Shape shape, Column key, string signature, IProperty[] changed, List<EntityEntry<T>> entries) where T : class
    {
        var tag = mustWriteEach.Count;
        var text = shape.UpdateTexts.GetOrAdd("set:" + signature, _ =>
        {
            var set = changed.Select(p => shape.ByProperty[p]).ToArray();
            var all = set.Concat(shape.Checks).ToArray();
            var n = 0;
            return $"UPDATE {shape.TableName} AS t SET "
                + string.Join(", ", set.Select((c, i) => $"{c.Name} = v.c{i + 1}"))
                + $" FROM unnest({string.Join(", ", all.Select(c => $"${++n}::{c.ArrayType}"))}) AS v({string.Join(", ", all.Select((_, i) => $"c{i + 1}"))})"
                + " WHERE " + string.Join(" AND ", shape.Checks.Select((c, i) => c.Nullable
                    ? $"t.{c.Name} IS NOT DISTINCT FROM v.c{set.Length + i + 1}"
                    : $"t.{c.Name} = v.c{set.Length + i + 1}"))
                + $" RETURNING t.{key.Name}, ${all.Length + 1}::integer";
        });
        var command = new NpgsqlBatchCommand(text);
        foreach (var property in changed)
        {
            var column = shape.ByProperty[property];
            var array = column.NewArray(entries.Count);
            for (var i = 0; i < entries.Count; i++) array.SetValue(column.Store(entries[i].CurrentValues[property]), i);
            command.Parameters.Add(new NpgsqlParameter { Value = array });
        }
        var rows = new Dictionary<object, EntityEntry>(entries.Count);
        foreach (var check in shape.Checks)
        {
            var array = check.NewArray(entries.Count);
            for (var i = 0; i < entries.Count; i++)
            {
                var value = check.Store(entries[i].OriginalValues[check.Property]);
                array.SetValue(value, i);
                if (ReferenceEquals(check, key)) rows[value!] = entries[i];
            }
            command.Parameters.Add(new NpgsqlParameter { Value = array });
        }
        command.Parameters.Add(new NpgsqlParameter { Value = tag });
        batch.BatchCommands.Add(command);
        mustWriteEach.Add(rows);
    }

    /// <summary>One UPDATE for one row (a table whose key has more than one column).</summary>
    private void AddRowUpdate<T>(Shape shape, string signature, IProperty[] changed, EntityEntry<T> entry) where T : class
    {
        var text = shape.UpdateTexts.GetOrAdd("row:" + signature, _ =>
        {
            var n = 0;
            return $"UPDATE {shape.TableName} SET "
                + string.Join(", ", changed.Select(p => $"{shape.ByProperty[p].Name} = ${++n}"))
                + " WHERE " + string.Join(" AND ", shape.Checks.Select(c => c.Nullable ? $"{c.Name} IS NOT DISTINCT FROM ${++n}" : $"{c.Name} = ${++n}"));
        });
        var command = new NpgsqlBatchCommand(text);
        foreach (var property in changed) command.Parameters.Add(shape.ByProperty[property].Parameter(entry.CurrentValues[property]));
        foreach (var check in shape.Checks) command.Parameters.Add(check.Parameter(entry.OriginalValues[check.Property]));
        batch.BatchCommands.Add(command);
        mustWriteOne.Add((command, entry));
    }

    /// <summary>After <see cref="ExecuteAsync"/> threw <see cref="DbUpdateConcurrencyException"/>: the tracked entities whose update found no row.</summary>
    public IReadOnlyList<EntityEntry> Conflicts { get; private set; } = [];

    /// <summary>Sends the batch (prepared) in one round trip; throws <see cref="DbUpdateConcurrencyException"/> if an update found no row.</summary>
    public async Task<int> ExecuteAsync(CancellationToken ct)
    {
        if (batch.BatchCommands.Count == 0) return 0;
        await batch.PrepareAsync(ct);
        var wrote = mustWriteEach.Select(_ => new HashSet<object>()).ToArray();
        if (mustWriteEach.Count == 0) await batch.ExecuteNonQueryAsync(ct);
        else
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            do
            {
                while (await reader.ReadAsync(ct))
                {
                    if (reader.FieldCount == 2) wrote[reader.GetInt32(1)].Add(reader.GetValue(0));
                }
            }
            while (await reader.NextResultAsync(ct));
        }
        // Every statement ran (an UPDATE that finds no row is no error on PostgreSQL): Conflicts names every entity whose row
        // changed or is gone, so a caller may reload those and write them again in the same transaction.
        var conflicts = mustWriteOne.Where(m => m.Command.RecordsAffected != 1).Select(m => m.Entry).ToList();
        for (var i = 0; i < mustWriteEach.Count; i++)
            conflicts.AddRange(mustWriteEach[i].Where(r => !wrote[i].Contains(r.Key)).Select(r => r.Value));
        Conflicts = conflicts;
        if (Conflicts.Count > 0)
            throw new DbUpdateConcurrencyException($"The {Conflicts[0].Metadata.ClrType.Name} changed or was deleted since it was read");
        return batch.BatchCommands.Count;
    }

    /// <summary>A table's columns as the EF Core model maps them, and its statements' texts; made once per entity type.</summary>
    private sealed class Shape
    {
        private static readonly ConcurrentDictionary<IEntityType, Shape> Shapes = new();

        public required string TableName { get; init; }
        public required Column[] Insertable { get; init; }
        public required string InsertText { get; init; }
        public required Dictionary<IProperty, Column> ByProperty { get; init; }

        /// <summary>What an update's WHERE compares with the values the row was read with: the key, the concurrency tokens, the organization.</summary>
        public required Column[] Checks { get; init; }

        /// <summary>The key's column when the key has one (the updates go as one statement per set of changed columns).</summary>
        public required Column? Key { get; init; }

        public ConcurrentDictionary<string, string> UpdateTexts { get; } = new(StringComparer.Ordinal);

        public static Shape Of(DbContext db, Type type)
        {
            var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model");
            // The SQL helper is resolved only the first time (a service lookup per call on the send path otherwise).
            return Shapes.TryGetValue(entityType, out var shape)
                ? shape
                : Shapes.GetOrAdd(entityType, static (e, sql) => Make(e, sql), db.GetService<ISqlGenerationHelper>());
        }

        private static Shape Make(IEntityType entityType, ISqlGenerationHelper sql)
        {
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            var byProperty = new Dictionary<IProperty, Column>();
            foreach (var property in entityType.GetProperties())
            {
                if (property.GetColumnName(table) is not { } name) continue;
                byProperty[property] = new Column(property, sql.DelimitIdentifier(name), property.GetComputedColumnSql(table) is null);
            }
            var insertable = byProperty.Values.Where(c => c.Insertable).ToArray();
            var n = 0;
            var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
            var key = entityType.FindPrimaryKey()!.Properties;
            var checks = key.Concat(entityType.GetProperties().Where(p => p.IsConcurrencyToken && !p.IsPrimaryKey()));
            if (typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType) && entityType.FindProperty(nameof(ITenantOwned.OrganizationId)) is { } org && !checks.Contains(org))
                checks = checks.Append(org);
            return new Shape
            {
                TableName = tableName,
                Insertable = insertable,
                InsertText = $"INSERT INTO {tableName} ({string.Join(", ", insertable.Select(c => c.Name))}) "
                    + $"SELECT * FROM unnest({string.Join(", ", insertable.Select(c => $"${++n}::{c.ArrayType}"))})",
                ByProperty = byProperty,
                Checks = checks.Select(p => byProperty[p]).ToArray(),
                Key = key.Count == 1 ? byProperty[key[0]] : null,
            };
        }
    }

    /// <summary>A column: how its values are read, converted and typed, alone or as an array of the column's element type.</summary>
    private sealed class Column
    {
        private readonly RelationalTypeMapping mapping;
        private readonly ValueConverter? converter;
        private readonly Type element;

        public Column(IProperty property, string name, bool insertable)
        {
            Property = property;
            Name = name;
            Insertable = insertable;
            Getter = property.GetGetter();
            mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            converter = mapping.Converter;
            Nullable = property.IsNullable;
            var provider = converter?.ProviderClrType ?? property.ClrType;
            provider = System.Nullable.GetUnderlyingType(provider) ?? provider;
            element = provider.IsValueType && Nullable ? typeof(Nullable<>).MakeGenericType(provider) : provider;
            // The base type without its length (character varying, not character varying(32)): a longer value is refused by the
            // column on insert, as it would be from a parameter, instead of cut by the cast.
            ArrayType = mapping.StoreTypeNameBase + "[]";
        }

        public IProperty Property { get; }
        public string Name { get; }
        public bool Insertable { get; }
        public bool Nullable { get; }
        public IClrPropertyGetter Getter { get; }
        public string ArrayType { get; }

        public Array NewArray(int length) => Array.CreateInstance(element, length);

        /// <summary>The value as the column stores it (the model's converter applied; strings without NUL characters).</summary>
        public object? Store(object? value)
        {
            if (value is null) return null;
            if (converter is not null) value = converter.ConvertToProvider(value);
            return value is string text ? NulCharacters.Strip(text) : value;
        }

        /// <summary>A positional parameter typed and converted as the EF Core model maps the property.</summary>
        public NpgsqlParameter Parameter(object? value)
        {
            var parameter = (NpgsqlParameter)mapping.CreateParameter(new NpgsqlCommand(), "", value, Nullable);
            parameter.ParameterName = "";
            return (NpgsqlParameter)PreparedInsert.WithoutNul(parameter);
        }
    }
}
