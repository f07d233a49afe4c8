-- 証拠書類の一括出力 (issue 17, decision 074). Written by hand (other sessions edit the schema in the same tree).

-- CreateEnum
CREATE TYPE "EvidencePackStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "EvidencePack" (
    "id" UUID NOT NULL,
    "ordererId" UUID NOT NULL,
    "requestedById" UUID NOT NULL,
    "fiscalYear" INTEGER,
    "numbers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "EvidencePackStatus" NOT NULL DEFAULT 'QUEUED',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "sizeBytes" BIGINT,
    "sha256" TEXT,
    "failure" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "EvidencePack_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidencePackChunk" (
    "packId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "EvidencePackChunk_pkey" PRIMARY KEY ("packId","seq")
);

-- CreateIndex
CREATE INDEX "EvidencePack_ordererId_createdAt_idx" ON "EvidencePack"("ordererId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "EvidencePack_status_createdAt_idx" ON "EvidencePack"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "EvidencePack" ADD CONSTRAINT "EvidencePack_ordererId_fkey" FOREIGN KEY ("ordererId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidencePack" ADD CONSTRAINT "EvidencePack_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidencePackChunk" ADD CONSTRAINT "EvidencePackChunk_packId_fkey" FOREIGN KEY ("packId") REFERENCES "EvidencePack"("id") ON DELETE CASCADE ON UPDATE CASCADE;
