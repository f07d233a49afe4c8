-- AlterEnum
ALTER TYPE "LookupOutcome" ADD VALUE 'INVALID_KEY';
