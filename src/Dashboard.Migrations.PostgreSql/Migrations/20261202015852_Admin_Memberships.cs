using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Admin_Memberships : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StaffMemberships_Email",
                table: "StaffMemberships");

            migrationBuilder.DropIndex(
                name: "IX_StaffMemberships_OrganizationId",
                table: "StaffMemberships");

            migrationBuilder.AddColumn<DateTime>(
                name: "DeletedAt",
                table: "WebhookEndpoints",
                type: "timestamp without time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "TeamApiKeys",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastUsedAt",
                table: "TeamApiKeys",
                type: "timestamp without time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Prefix",
                table: "TeamApiKeys",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "BoundAt",
                table: "StaffMemberships",
                type: "timestamp without time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InvitedBy",
                table: "StaffMemberships",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Issuer",
                table: "StaffMemberships",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Role",
                table: "StaffMemberships",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "viewer");

            migrationBuilder.AddColumn<string>(
                name: "Subject",
                table: "StaffMemberships",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OrganizationId",
                table: "AuditLog",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "StaffSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Issuer = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Ticket = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffSessions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StaffMemberships_Email",
                table: "StaffMemberships",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_StaffMemberships_Issuer_Subject",
                table: "StaffMemberships",
                columns: new[] { "Issuer", "Subject" });

            migrationBuilder.CreateIndex(
                name: "IX_StaffMemberships_OrganizationId_Email",
                table: "StaffMemberships",
                columns: new[] { "OrganizationId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_OrganizationId_Id",
                table: "AuditLog",
                columns: new[] { "OrganizationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_StaffSessions_Email",
                table: "StaffSessions",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_StaffSessions_ExpiresAt",
                table: "StaffSessions",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_StaffSessions_Issuer_Subject",
                table: "StaffSessions",
                columns: new[] { "Issuer", "Subject" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StaffSessions");

            migrationBuilder.DropIndex(
                name: "IX_StaffMemberships_Email",
                table: "StaffMemberships");

            migrationBuilder.DropIndex(
                name: "IX_StaffMemberships_Issuer_Subject",
                table: "StaffMemberships");

            migrationBuilder.DropIndex(
                name: "IX_StaffMemberships_OrganizationId_Email",
                table: "StaffMemberships");

            migrationBuilder.DropIndex(
                name: "IX_AuditLog_OrganizationId_Id",
                table: "AuditLog");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "WebhookEndpoints");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "TeamApiKeys");

            migrationBuilder.DropColumn(
                name: "LastUsedAt",
                table: "TeamApiKeys");

            migrationBuilder.DropColumn(
                name: "Prefix",
                table: "TeamApiKeys");

            migrationBuilder.DropColumn(
                name: "BoundAt",
                table: "StaffMemberships");

            migrationBuilder.DropColumn(
                name: "InvitedBy",
                table: "StaffMemberships");

            migrationBuilder.DropColumn(
                name: "Issuer",
                table: "StaffMemberships");

            migrationBuilder.DropColumn(
                name: "Role",
                table: "StaffMemberships");

            migrationBuilder.DropColumn(
                name: "Subject",
                table: "StaffMemberships");

            migrationBuilder.DropColumn(
                name: "OrganizationId",
                table: "AuditLog");

            migrationBuilder.CreateIndex(
                name: "IX_StaffMemberships_Email",
                table: "StaffMemberships",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StaffMemberships_OrganizationId",
                table: "StaffMemberships",
                column: "OrganizationId");
        }
    }
}
