using System.Data.Common;
using Microsoft.EntityFrameworkCore;
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
                parameters[i] = mapping.CreateParameter(command, "@p" + i, getter.GetClrValueUsingContainingEntity(row), property.IsNullable);
            }
            command.Parameters.AddRange(parameters);
            // The first execution compiles the statement; the command keeps it for the next rows.
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
