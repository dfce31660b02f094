using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InboxApp.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountUpdateOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "BanStateAt",
                table: "WhatsAppAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "BanStateProcessedAt",
                table: "WhatsAppAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RestrictionsAt",
                table: "WhatsAppAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RestrictionsProcessedAt",
                table: "WhatsAppAccounts",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BanStateAt",
                table: "WhatsAppAccounts");

            migrationBuilder.DropColumn(
                name: "BanStateProcessedAt",
                table: "WhatsAppAccounts");

            migrationBuilder.DropColumn(
                name: "RestrictionsAt",
                table: "WhatsAppAccounts");

            migrationBuilder.DropColumn(
                name: "RestrictionsProcessedAt",
                table: "WhatsAppAccounts");
        }
    }
}
