-- AlterTable
ALTER TABLE "MailAttachment" ADD COLUMN     "sealed" BOOLEAN NOT NULL DEFAULT false;
