package io.zonedeck.compute.internal;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface MachineRepository extends JpaRepository<MachineEntity, UUID>, JpaSpecificationExecutor<MachineEntity> {
    List<MachineEntity> findByTenantId(UUID tenantId, Pageable page);

    long countByTenantId(UUID tenantId);

    List<MachineEntity> findAllBy(Pageable page);

    List<MachineEntity> findByNodeId(UUID nodeId);

    Optional<MachineEntity> findByTenantIdAndName(UUID tenantId, String name);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select m from MachineEntity m where m.id = :id")
    Optional<MachineEntity> lockById(@Param("id") UUID id);

    @Modifying
    @Query("update MachineEntity m set m.state = :state, m.error = :error, m.updatedAt = :at where m.id = :id")
    int updateState(
            @Param("id") UUID id, @Param("state") String state, @Param("error") String error, @Param("at") Instant at);

    @Modifying
    @Query(
            "update MachineEntity m set m.state = :state, m.updatedAt = :at where m.nodeId = :node and m.state <> 'deleting'")
    int updateStateOnNode(@Param("node") UUID node, @Param("state") String state, @Param("at") Instant at);

    @Query("select coalesce(sum(m.ramMiB), 0) from MachineEntity m where m.nodeId = :node")
    long ramOnNode(@Param("node") UUID node);

    @Query("select coalesce(sum(m.diskGiB), 0) from MachineEntity m where m.nodeId = :node")
    long diskOnNode(@Param("node") UUID node);

    @Query("select coalesce(sum(m.cpuCap), 0) from MachineEntity m where m.nodeId = :node")
    long cpuCapOnNode(@Param("node") UUID node);

    /** Per node: [node id, RAM MiB, disk GiB, cpu_cap %] of every machine placed there, in one query. */
    @Query("select m.nodeId, sum(m.ramMiB), sum(m.diskGiB), sum(m.cpuCap) from MachineEntity m"
            + " where m.nodeId is not null group by m.nodeId")
    List<Object[]> usageByNode();

    List<MachineEntity> findByTenantId(UUID tenantId);

    long countByPackageId(UUID packageId);

    long countByImageId(UUID imageId);

    /** count, RAM, disk, vCPUs and cpu_cap of a tenant's machines that hold a node (a failed create holds none). */
    @Query("select count(m), coalesce(sum(m.ramMiB), 0), coalesce(sum(m.diskGiB), 0), coalesce(sum(m.vcpus), 0),"
            + " coalesce(sum(m.cpuCap), 0) from MachineEntity m where m.tenantId = :tenant and m.nodeId is not null")
    List<Object[]> holdingsOf(@Param("tenant") UUID tenantId);

    @Query("select count(s) from SnapshotEntity s, MachineEntity m where s.machineId = m.id and m.tenantId = :tenant")
    long snapshotsOf(@Param("tenant") UUID tenantId);

    @Query("select count(j) from JobEntity j where j.tenantId = :tenant and j.action = 'snapshot'"
            + " and j.state in ('queued', 'running')")
    long snapshotsBeingTakenBy(@Param("tenant") UUID tenantId);

    @Query("select n.networkId, count(n) from NicEntity n, MachineEntity m where n.machineId = m.id"
            + " and m.tenantId = :tenant group by n.networkId")
    List<Object[]> nicsByNetworkOf(@Param("tenant") UUID tenantId);

    /** When the last change to any row was written (by any portal instance). */
    @Query("select max(x.updatedAt) from MachineEntity x")
    java.time.Instant lastUpdate();
}
