-- CreateEnum
CREATE TYPE "GatewayRangeMode" AS ENUM ('BUDGET', 'EXEMPT');

-- CreateTable
CREATE TABLE "UserSession" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GatewayRange" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "cidr" TEXT NOT NULL,
    "mode" "GatewayRangeMode" NOT NULL,
    "failuresPerHour" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GatewayRange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UserSession_userId_idx" ON "UserSession"("userId");

-- CreateIndex
CREATE INDEX "UserSession_expiresAt_idx" ON "UserSession"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "GatewayRange_cidr_key" ON "GatewayRange"("cidr");

-- AddForeignKey
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A range either has a budget of its own (a positive number of failures an hour) or is exempt.
ALTER TABLE "GatewayRange" ADD CONSTRAINT "GatewayRange_budget_check"
  CHECK (("mode" = 'BUDGET' AND "failuresPerHour" > 0) OR ("mode" = 'EXEMPT' AND "failuresPerHour" IS NULL));
