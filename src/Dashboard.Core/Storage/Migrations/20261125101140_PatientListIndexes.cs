using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class PatientListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Connections_Status",
                table: "Connections");

            migrationBuilder.CreateIndex(
                name: "IX_Users_ClientUserId_Id",
                table: "Users",
                columns: new[] { "ClientUserId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Users_CreatedAt_Id",
                table: "Users",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Connections_Provider_Region",
                table: "Connections",
                columns: new[] { "Provider", "Region" });

            migrationBuilder.CreateIndex(
                name: "IX_Connections_Status_ErrorType",
                table: "Connections",
                columns: new[] { "Status", "ErrorType" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Users_ClientUserId_Id",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Users_CreatedAt_Id",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Connections_Provider_Region",
                table: "Connections");

            migrationBuilder.DropIndex(
                name: "IX_Connections_Status_ErrorType",
                table: "Connections");

            migrationBuilder.CreateIndex(
                name: "IX_Connections_Status",
                table: "Connections",
                column: "Status");
        }
    }
}
