using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InboxApp.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddPhoneHealthStateAndAccountRestrictions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BanState",
                table: "WhatsAppAccounts",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Restrictions",
                table: "WhatsAppAccounts",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "HealthCheckedAt",
                table: "PhoneNumbers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HealthReasonsJson",
                table: "PhoneNumbers",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "HealthResyncQueuedAt",
                table: "PhoneNumbers",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BanState",
                table: "WhatsAppAccounts");

            migrationBuilder.DropColumn(
                name: "Restrictions",
                table: "WhatsAppAccounts");

            migrationBuilder.DropColumn(
                name: "HealthCheckedAt",
                table: "PhoneNumbers");

            migrationBuilder.DropColumn(
                name: "HealthReasonsJson",
                table: "PhoneNumbers");

            migrationBuilder.DropColumn(
                name: "HealthResyncQueuedAt",
                table: "PhoneNumbers");
        }
    }
}
