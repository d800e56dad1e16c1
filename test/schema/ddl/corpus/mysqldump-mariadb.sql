-- captured by test/schema/ddl/capture.ts: mariadb-dump -h127.0.0.1 -P33306 -uchsync -p... --routines --triggers --databases t_ddl_dump t_ddl_show
/*M!999999\- enable the sandbox mode */ 
-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)
--
-- Host: 127.0.0.1    Database: t_ddl_dump
-- ------------------------------------------------------
-- Server version	10.11.19-MariaDB-0+deb12u1-log

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

--
-- Current Database: `t_ddl_dump`
--

CREATE DATABASE /*!32312 IF NOT EXISTS*/ `t_ddl_dump` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci */;

USE `t_ddl_dump`;

--
-- Temporary table structure for view `big_orders`
--

DROP TABLE IF EXISTS `big_orders`;
/*!50001 DROP VIEW IF EXISTS `big_orders`*/;
SET @saved_cs_client     = @@character_set_client;
SET character_set_client = utf8mb4;
/*!50001 CREATE VIEW `big_orders` AS SELECT
 NULL AS `id`,
 NULL AS `total` */;
SET character_set_client = @saved_cs_client;

--
-- Table structure for table `customer`
--

DROP TABLE IF EXISTS `customer`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `customer` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(50) NOT NULL DEFAULT '',
  `note` text DEFAULT NULL COMMENT 'free; text, (any)',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=4 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `customer`
--

LOCK TABLES `customer` WRITE;
/*!40000 ALTER TABLE `customer` DISABLE KEYS */;
INSERT INTO `customer` VALUES
(1,'a;b','it\'s'),
(2,'cd',NULL),
(3,'e\nf','/* not a comment */ -- nor this');
/*!40000 ALTER TABLE `customer` ENABLE KEYS */;
UNLOCK TABLES;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb4 */ ;
/*!50003 SET character_set_results = utf8mb4 */ ;
/*!50003 SET collation_connection  = utf8mb4_unicode_ci */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'IGNORE_SPACE,STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`chsync`@`127.0.0.1`*/ /*!50003 TRIGGER t_ddl_dump.customer_bi BEFORE INSERT ON t_ddl_dump.customer FOR EACH ROW BEGIN IF NEW.name = '' THEN SET NEW.name = 'anon;ymous'; END IF; END 
*/;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;

--
-- Table structure for table `order`
--

DROP TABLE IF EXISTS `order`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `order` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `customer_id` int(11) NOT NULL,
  `total` decimal(12,2) NOT NULL DEFAULT 0.00,
  `created` timestamp NOT NULL DEFAULT current_timestamp(),
  PRIMARY KEY (`id`),
  KEY `customer_id` (`customer_id`),
  CONSTRAINT `fk_customer` FOREIGN KEY (`customer_id`) REFERENCES `customer` (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=3 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `order`
--

LOCK TABLES `order` WRITE;
/*!40000 ALTER TABLE `order` DISABLE KEYS */;
INSERT INTO `order` VALUES
(1,1,9.99,'2026-11-21 23:19:26'),
(2,2,0.00,'2026-11-21 23:19:26');
/*!40000 ALTER TABLE `order` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Dumping routines for database 't_ddl_dump'
--
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'IGNORE_SPACE,STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
/*!50003 DROP FUNCTION IF EXISTS `twice` */;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb4 */ ;
/*!50003 SET character_set_results = utf8mb4 */ ;
/*!50003 SET collation_connection  = utf8mb4_unicode_ci */ ;
DELIMITER ;;
CREATE DEFINER=`chsync`@`127.0.0.1` FUNCTION `twice`(n INT) RETURNS int(11)
    DETERMINISTIC
RETURN n * 2
;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'IGNORE_SPACE,STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;
/*!50003 DROP PROCEDURE IF EXISTS `touch` */;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb4 */ ;
/*!50003 SET character_set_results = utf8mb4 */ ;
/*!50003 SET collation_connection  = utf8mb4_unicode_ci */ ;
DELIMITER ;;
CREATE DEFINER=`chsync`@`127.0.0.1` PROCEDURE `touch`(IN n INT)
BEGIN UPDATE t_ddl_dump.customer SET note = CONCAT(note, n); SELECT 1; END
;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;

--
-- Current Database: `t_ddl_show`
--

CREATE DATABASE /*!32312 IF NOT EXISTS*/ `t_ddl_show` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci */;

USE `t_ddl_show`;

--
-- Table structure for table `ansi_quotes`
--

DROP TABLE IF EXISTS `ansi_quotes`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `ansi_quotes` (
  `a b` varchar(3) DEFAULT 'x',
  `c` int(11) DEFAULT NULL COMMENT 'it''s'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `ansi_quotes`
--

LOCK TABLES `ansi_quotes` WRITE;
/*!40000 ALTER TABLE `ansi_quotes` DISABLE KEYS */;
/*!40000 ALTER TABLE `ansi_quotes` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `application_period`
--

DROP TABLE IF EXISTS `application_period`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `application_period` (
  `id` int(11) DEFAULT NULL,
  `vs` date NOT NULL,
  `ve` date NOT NULL,
  PERIOD FOR `valid` (`vs`, `ve`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `application_period`
--

LOCK TABLES `application_period` WRITE;
/*!40000 ALTER TABLE `application_period` DISABLE KEYS */;
/*!40000 ALTER TABLE `application_period` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `aria_options`
--

DROP TABLE IF EXISTS `aria_options`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `aria_options` (
  `a` int(11) DEFAULT NULL
) ENGINE=Aria DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci PAGE_CHECKSUM=1 TRANSACTIONAL=1;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `aria_options`
--

LOCK TABLES `aria_options` WRITE;
/*!40000 ALTER TABLE `aria_options` DISABLE KEYS */;
/*!40000 ALTER TABLE `aria_options` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `auto_increment_key`
--

DROP TABLE IF EXISTS `auto_increment_key`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `auto_increment_key` (
  `a` int(11) NOT NULL AUTO_INCREMENT,
  KEY `a` (`a`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `auto_increment_key`
--

LOCK TABLES `auto_increment_key` WRITE;
/*!40000 ALTER TABLE `auto_increment_key` DISABLE KEYS */;
/*!40000 ALTER TABLE `auto_increment_key` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `binaries`
--

DROP TABLE IF EXISTS `binaries`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `binaries` (
  `a` binary(1) DEFAULT NULL,
  `b` binary(16) NOT NULL,
  `c` varbinary(255) DEFAULT '\0A',
  `d` varbinary(3) DEFAULT 'abc'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `binaries`
--

LOCK TABLES `binaries` WRITE;
/*!40000 ALTER TABLE `binaries` DISABLE KEYS */;
/*!40000 ALTER TABLE `binaries` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `bits`
--

DROP TABLE IF EXISTS `bits`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `bits` (
  `a` bit(1) DEFAULT NULL,
  `b` bit(8) DEFAULT b'101',
  `c` bit(64) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `bits`
--

LOCK TABLES `bits` WRITE;
/*!40000 ALTER TABLE `bits` DISABLE KEYS */;
/*!40000 ALTER TABLE `bits` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `booleans_and_serial`
--

DROP TABLE IF EXISTS `booleans_and_serial`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `booleans_and_serial` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `flag` tinyint(1) DEFAULT 1,
  `other` tinyint(1) NOT NULL DEFAULT 0,
  UNIQUE KEY `id` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `booleans_and_serial`
--

LOCK TABLES `booleans_and_serial` WRITE;
/*!40000 ALTER TABLE `booleans_and_serial` DISABLE KEYS */;
/*!40000 ALTER TABLE `booleans_and_serial` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `characters`
--

DROP TABLE IF EXISTS `characters`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `characters` (
  `a` char(1) DEFAULT NULL,
  `b` char(0) DEFAULT NULL,
  `c` char(255) DEFAULT NULL,
  `d` varchar(100) DEFAULT NULL,
  `e` varchar(20) DEFAULT NULL,
  `f` varchar(21) DEFAULT NULL,
  `g` char(10) CHARACTER SET latin1 COLLATE latin1_german1_ci DEFAULT NULL,
  `h` varchar(30) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL,
  `i` varchar(5) CHARACTER SET ascii COLLATE ascii_general_ci DEFAULT NULL,
  `j` varchar(7) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `characters`
--

LOCK TABLES `characters` WRITE;
/*!40000 ALTER TABLE `characters` DISABLE KEYS */;
/*!40000 ALTER TABLE `characters` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `charset_modifiers`
--

DROP TABLE IF EXISTS `charset_modifiers`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `charset_modifiers` (
  `a` varchar(5) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL,
  `b` varchar(5) CHARACTER SET latin1 COLLATE latin1_swedish_ci DEFAULT NULL,
  `c` char(2) CHARACTER SET ucs2 COLLATE ucs2_general_ci DEFAULT NULL,
  `d` binary(4) DEFAULT NULL,
  `e` varbinary(10) DEFAULT NULL,
  `f` blob DEFAULT NULL,
  `g` varchar(3) CHARACTER SET latin1 COLLATE latin1_bin DEFAULT NULL,
  `h` binary(1) DEFAULT NULL,
  `i` enum('x','y') CHARACTER SET binary DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `charset_modifiers`
--

LOCK TABLES `charset_modifiers` WRITE;
/*!40000 ALTER TABLE `charset_modifiers` DISABLE KEYS */;
/*!40000 ALTER TABLE `charset_modifiers` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `checks_mariadb`
--

DROP TABLE IF EXISTS `checks_mariadb`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `checks_mariadb` (
  `a` int(11) DEFAULT NULL CHECK (`a` >= 0),
  `b` int(11) DEFAULT NULL,
  CONSTRAINT `ab` CHECK (`a` <> `b`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `checks_mariadb`
--

LOCK TABLES `checks_mariadb` WRITE;
/*!40000 ALTER TABLE `checks_mariadb` DISABLE KEYS */;
/*!40000 ALTER TABLE `checks_mariadb` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `column_primary_key`
--

DROP TABLE IF EXISTS `column_primary_key`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `column_primary_key` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `v` int(11) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=1000 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `column_primary_key`
--

LOCK TABLES `column_primary_key` WRITE;
/*!40000 ALTER TABLE `column_primary_key` DISABLE KEYS */;
/*!40000 ALTER TABLE `column_primary_key` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `comments`
--

DROP TABLE IF EXISTS `comments`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `comments` (
  `a` int(11) DEFAULT NULL COMMENT 'a, (b) ''c'' "d"',
  `b` int(11) DEFAULT NULL COMMENT 'back\\slash; semi',
  `c` int(11) DEFAULT NULL COMMENT 'multi\nline',
  `d` int(11) DEFAULT NULL COMMENT 'ünïcödé ✓'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='table, comment (with) ''quotes''';
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `comments`
--

LOCK TABLES `comments` WRITE;
/*!40000 ALTER TABLE `comments` DISABLE KEYS */;
/*!40000 ALTER TABLE `comments` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `compressed_mariadb`
--

DROP TABLE IF EXISTS `compressed_mariadb`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `compressed_mariadb` (
  `a` varchar(100) /*M!100301 COMPRESSED*/ DEFAULT NULL,
  `b` blob /*M!100301 COMPRESSED*/ DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `compressed_mariadb`
--

LOCK TABLES `compressed_mariadb` WRITE;
/*!40000 ALTER TABLE `compressed_mariadb` DISABLE KEYS */;
/*!40000 ALTER TABLE `compressed_mariadb` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `decimals`
--

DROP TABLE IF EXISTS `decimals`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `decimals` (
  `a` decimal(10,0) DEFAULT NULL,
  `b` decimal(5,0) DEFAULT NULL,
  `c` decimal(12,4) unsigned DEFAULT NULL,
  `d` decimal(65,30) DEFAULT NULL,
  `e` decimal(10,2) DEFAULT NULL,
  `f` decimal(8,3) unsigned zerofill DEFAULT NULL,
  `g` decimal(3,1) DEFAULT -1.5
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `decimals`
--

LOCK TABLES `decimals` WRITE;
/*!40000 ALTER TABLE `decimals` DISABLE KEYS */;
/*!40000 ALTER TABLE `decimals` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `defaults_mariadb`
--

DROP TABLE IF EXISTS `defaults_mariadb`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `defaults_mariadb` (
  `a` int(11) DEFAULT -5,
  `b` varchar(20) DEFAULT 'a,b)c''d',
  `c` double DEFAULT (rand() * rand()),
  `d` varchar(36) DEFAULT uuid(),
  `e` date DEFAULT (curdate() + interval 1 year),
  `f` int(11) DEFAULT (`a` + 1),
  `g` varchar(40) DEFAULT concat('a',',','(b'),
  `h` datetime DEFAULT current_timestamp(),
  `i` date DEFAULT curdate(),
  `j` int(11) DEFAULT 1
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `defaults_mariadb`
--

LOCK TABLES `defaults_mariadb` WRITE;
/*!40000 ALTER TABLE `defaults_mariadb` DISABLE KEYS */;
/*!40000 ALTER TABLE `defaults_mariadb` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `enum_escaped_quote`
--

DROP TABLE IF EXISTS `enum_escaped_quote`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `enum_escaped_quote` (
  `e` enum('it''s','a\\b','new\nline') DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `enum_escaped_quote`
--

LOCK TABLES `enum_escaped_quote` WRITE;
/*!40000 ALTER TABLE `enum_escaped_quote` DISABLE KEYS */;
/*!40000 ALTER TABLE `enum_escaped_quote` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `enums_and_sets`
--

DROP TABLE IF EXISTS `enums_and_sets`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `enums_and_sets` (
  `e1` enum('a,b','it''s','x\\y','(p)','q"r','') DEFAULT 'a,b',
  `e2` enum('one','two') NOT NULL DEFAULT 'two',
  `s1` set('x','y','z') DEFAULT 'x,z',
  `e3` enum('ä','日本','?') DEFAULT NULL,
  `e4` enum('with space','tab	here') DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `enums_and_sets`
--

LOCK TABLES `enums_and_sets` WRITE;
/*!40000 ALTER TABLE `enums_and_sets` DISABLE KEYS */;
/*!40000 ALTER TABLE `enums_and_sets` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `everything_mariadb`
--

DROP TABLE IF EXISTS `everything_mariadb`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `everything_mariadb` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT 'row id',
  `email` varchar(255) NOT NULL,
  `status` enum('new','active','gone') NOT NULL DEFAULT 'new',
  `score` decimal(10,2) unsigned DEFAULT 0.00,
  `payload` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK (json_valid(`payload`)),
  `created_at` datetime(3) NOT NULL DEFAULT current_timestamp(3),
  `updated_at` timestamp(3) NULL DEFAULT NULL ON UPDATE current_timestamp(3),
  `email_domain` varchar(255) GENERATED ALWAYS AS (substring_index(`email`,'@',-1)) VIRTUAL,
  `secret` varbinary(32) INVISIBLE DEFAULT NULL,
  `ip` inet6 DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_email` (`email`),
  KEY `idx_status_created` (`status`,`created_at` DESC),
  KEY `idx_domain` (`email_domain`),
  CONSTRAINT `chk_score` CHECK (`score` >= 0)
) ENGINE=InnoDB AUTO_INCREMENT=7 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci ROW_FORMAT=DYNAMIC COMMENT='all in one';
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `everything_mariadb`
--

LOCK TABLES `everything_mariadb` WRITE;
/*!40000 ALTER TABLE `everything_mariadb` DISABLE KEYS */;
/*!40000 ALTER TABLE `everything_mariadb` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `executable_comments`
--

DROP TABLE IF EXISTS `executable_comments`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `executable_comments` (
  `a` int(11) DEFAULT NULL,
  `b` int(11) DEFAULT NULL COMMENT 'in comment'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `executable_comments`
--

LOCK TABLES `executable_comments` WRITE;
/*!40000 ALTER TABLE `executable_comments` DISABLE KEYS */;
/*!40000 ALTER TABLE `executable_comments` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `floats`
--

DROP TABLE IF EXISTS `floats`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `floats` (
  `a` float DEFAULT NULL,
  `b` float DEFAULT NULL,
  `c` float DEFAULT NULL,
  `d` double DEFAULT NULL,
  `e` double DEFAULT NULL,
  `f` float(7,3) DEFAULT NULL,
  `g` double DEFAULT NULL,
  `h` double DEFAULT NULL,
  `i` double(12,5) DEFAULT NULL,
  `j` double DEFAULT NULL,
  `k` float DEFAULT NULL,
  `l` double DEFAULT NULL,
  `m` float unsigned DEFAULT 1000
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `floats`
--

LOCK TABLES `floats` WRITE;
/*!40000 ALTER TABLE `floats` DISABLE KEYS */;
/*!40000 ALTER TABLE `floats` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `foreign_keys`
--

DROP TABLE IF EXISTS `foreign_keys`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `foreign_keys` (
  `id` int(11) NOT NULL,
  `parent_id` int(11) DEFAULT NULL,
  `code` char(2) DEFAULT NULL,
  `self_id` int(11) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `fk_parent` (`parent_id`),
  KEY `code` (`code`),
  KEY `fk_self` (`self_id`),
  CONSTRAINT `fk_parent` FOREIGN KEY (`parent_id`) REFERENCES `foreign_keys_parent` (`id`) ON DELETE CASCADE ON UPDATE SET NULL,
  CONSTRAINT `fk_self` FOREIGN KEY (`self_id`) REFERENCES `foreign_keys` (`id`),
  CONSTRAINT `foreign_keys_ibfk_1` FOREIGN KEY (`code`) REFERENCES `foreign_keys_parent` (`code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `foreign_keys`
--

LOCK TABLES `foreign_keys` WRITE;
/*!40000 ALTER TABLE `foreign_keys` DISABLE KEYS */;
/*!40000 ALTER TABLE `foreign_keys` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `foreign_keys_parent`
--

DROP TABLE IF EXISTS `foreign_keys_parent`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `foreign_keys_parent` (
  `id` int(11) NOT NULL,
  `code` char(2) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `code` (`code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `foreign_keys_parent`
--

LOCK TABLES `foreign_keys_parent` WRITE;
/*!40000 ALTER TABLE `foreign_keys_parent` DISABLE KEYS */;
/*!40000 ALTER TABLE `foreign_keys_parent` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `generated_mariadb`
--

DROP TABLE IF EXISTS `generated_mariadb`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `generated_mariadb` (
  `a` int(11) DEFAULT NULL,
  `b` int(11) GENERATED ALWAYS AS (`a` * 2) VIRTUAL,
  `c` int(11) GENERATED ALWAYS AS (`a` + 1) STORED,
  `d` int(11) GENERATED ALWAYS AS (`a` + 2) STORED,
  `e` varchar(10) GENERATED ALWAYS AS (concat(`a`,',')) VIRTUAL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `generated_mariadb`
--

LOCK TABLES `generated_mariadb` WRITE;
/*!40000 ALTER TABLE `generated_mariadb` DISABLE KEYS */;
/*!40000 ALTER TABLE `generated_mariadb` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `gh_ost_changelog`
--

DROP TABLE IF EXISTS `gh_ost_changelog`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `gh_ost_changelog` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `last_update` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  `hint` varchar(64) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  `value` varchar(4096) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `hint_uidx` (`hint`)
) ENGINE=InnoDB AUTO_INCREMENT=256 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='gh-ost changelog';
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `gh_ost_changelog`
--

LOCK TABLES `gh_ost_changelog` WRITE;
/*!40000 ALTER TABLE `gh_ost_changelog` DISABLE KEYS */;
/*!40000 ALTER TABLE `gh_ost_changelog` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `indexes_mariadb`
--

DROP TABLE IF EXISTS `indexes_mariadb`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `indexes_mariadb` (
  `a` int(11) DEFAULT NULL,
  `b` varchar(20) DEFAULT NULL,
  `t` text DEFAULT NULL,
  UNIQUE KEY `long_unique` (`t`) USING HASH,
  KEY `k1` (`a`) USING BTREE COMMENT 'first, (one)',
  KEY `k2` (`b`(5) DESC),
  KEY `k3` (`a`,`b`) IGNORED,
  FULLTEXT KEY `ft` (`t`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `indexes_mariadb`
--

LOCK TABLES `indexes_mariadb` WRITE;
/*!40000 ALTER TABLE `indexes_mariadb` DISABLE KEYS */;
/*!40000 ALTER TABLE `indexes_mariadb` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `integers`
--

DROP TABLE IF EXISTS `integers`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `integers` (
  `a` tinyint(4) DEFAULT NULL,
  `b` tinyint(3) unsigned DEFAULT NULL,
  `c` smallint(5) unsigned zerofill NOT NULL,
  `d` mediumint(9) DEFAULT NULL,
  `e` int(11) DEFAULT NULL,
  `f` int(10) unsigned DEFAULT 42,
  `g` bigint(20) unsigned DEFAULT 18446744073709551615,
  `h` tinyint(4) DEFAULT NULL,
  `i` smallint(6) DEFAULT NULL,
  `j` mediumint(9) DEFAULT NULL,
  `k` int(11) DEFAULT NULL,
  `l` bigint(20) DEFAULT NULL,
  `m` mediumint(9) DEFAULT NULL,
  `n` bigint(20) DEFAULT -9223372036854775808
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `integers`
--

LOCK TABLES `integers` WRITE;
/*!40000 ALTER TABLE `integers` DISABLE KEYS */;
/*!40000 ALTER TABLE `integers` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `invisible_columns_mariadb`
--

DROP TABLE IF EXISTS `invisible_columns_mariadb`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `invisible_columns_mariadb` (
  `a` int(11) DEFAULT NULL,
  `b` int(11) INVISIBLE DEFAULT 1
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `invisible_columns_mariadb`
--

LOCK TABLES `invisible_columns_mariadb` WRITE;
/*!40000 ALTER TABLE `invisible_columns_mariadb` DISABLE KEYS */;
/*!40000 ALTER TABLE `invisible_columns_mariadb` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `json_column`
--

DROP TABLE IF EXISTS `json_column`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `json_column` (
  `j` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK (json_valid(`j`)),
  `k` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL CHECK (json_valid(`k`))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `json_column`
--

LOCK TABLES `json_column` WRITE;
/*!40000 ALTER TABLE `json_column` DISABLE KEYS */;
/*!40000 ALTER TABLE `json_column` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `key_attribute_primary`
--

DROP TABLE IF EXISTS `key_attribute_primary`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `key_attribute_primary` (
  `id` int(11) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `key_attribute_primary`
--

LOCK TABLES `key_attribute_primary` WRITE;
/*!40000 ALTER TABLE `key_attribute_primary` DISABLE KEYS */;
/*!40000 ALTER TABLE `key_attribute_primary` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `like_copy`
--

DROP TABLE IF EXISTS `like_copy`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `like_copy` (
  `id` int(11) NOT NULL,
  `v` varchar(10) DEFAULT 'v',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `like_copy`
--

LOCK TABLES `like_copy` WRITE;
/*!40000 ALTER TABLE `like_copy` DISABLE KEYS */;
/*!40000 ALTER TABLE `like_copy` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `like_source`
--

DROP TABLE IF EXISTS `like_source`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `like_source` (
  `id` int(11) NOT NULL,
  `v` varchar(10) DEFAULT 'v',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `like_source`
--

LOCK TABLES `like_source` WRITE;
/*!40000 ALTER TABLE `like_source` DISABLE KEYS */;
/*!40000 ALTER TABLE `like_source` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `mariadb_types`
--

DROP TABLE IF EXISTS `mariadb_types`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `mariadb_types` (
  `u` uuid NOT NULL,
  `i4` inet4 DEFAULT NULL,
  `i6` inet6 DEFAULT '::1',
  `u2` uuid DEFAULT uuid(),
  PRIMARY KEY (`u`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `mariadb_types`
--

LOCK TABLES `mariadb_types` WRITE;
/*!40000 ALTER TABLE `mariadb_types` DISABLE KEYS */;
/*!40000 ALTER TABLE `mariadb_types` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `memory_engine`
--

DROP TABLE IF EXISTS `memory_engine`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `memory_engine` (
  `a` int(11) DEFAULT NULL,
  KEY `a` (`a`) USING HASH
) ENGINE=MEMORY DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `memory_engine`
--

LOCK TABLES `memory_engine` WRITE;
/*!40000 ALTER TABLE `memory_engine` DISABLE KEYS */;
/*!40000 ALTER TABLE `memory_engine` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `merge_union`
--

DROP TABLE IF EXISTS `merge_union`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `merge_union` (
  `a` int(11) DEFAULT NULL
) ENGINE=MRG_MyISAM DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci INSERT_METHOD=LAST UNION=(`merge_union_part1`);
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Table structure for table `merge_union_part1`
--

DROP TABLE IF EXISTS `merge_union_part1`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `merge_union_part1` (
  `a` int(11) DEFAULT NULL
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `merge_union_part1`
--

LOCK TABLES `merge_union_part1` WRITE;
/*!40000 ALTER TABLE `merge_union_part1` DISABLE KEYS */;
/*!40000 ALTER TABLE `merge_union_part1` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `national`
--

DROP TABLE IF EXISTS `national`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `national` (
  `a` char(3) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci DEFAULT NULL,
  `b` char(4) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci DEFAULT NULL,
  `c` varchar(5) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci DEFAULT NULL,
  `d` varchar(6) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci DEFAULT NULL,
  `e` varchar(7) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci DEFAULT NULL,
  `f` varchar(8) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci DEFAULT NULL,
  `g` varchar(9) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci DEFAULT NULL,
  `h` char(1) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `national`
--

LOCK TABLES `national` WRITE;
/*!40000 ALTER TABLE `national` DISABLE KEYS */;
/*!40000 ALTER TABLE `national` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `no_backslash_escapes`
--

DROP TABLE IF EXISTS `no_backslash_escapes`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `no_backslash_escapes` (
  `a` varchar(20) DEFAULT 'c:\\dir\\x' COMMENT '\\n stays'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `no_backslash_escapes`
--

LOCK TABLES `no_backslash_escapes` WRITE;
/*!40000 ALTER TABLE `no_backslash_escapes` DISABLE KEYS */;
/*!40000 ALTER TABLE `no_backslash_escapes` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `odd names ``x```
--

DROP TABLE IF EXISTS `odd names ``x```;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `odd names ``x``` (
  `1abc` int(11) DEFAULT NULL,
  `with space` int(11) DEFAULT NULL,
  `back``tick` int(11) DEFAULT NULL,
  `ünï` int(11) DEFAULT NULL,
  `日本語` int(11) DEFAULT NULL,
  `$dollar` int(11) DEFAULT NULL,
  `a"b` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `odd names ``x```
--

LOCK TABLES `odd names ``x``` WRITE;
/*!40000 ALTER TABLE `odd names ``x``` DISABLE KEYS */;
/*!40000 ALTER TABLE `odd names ``x``` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `page_compressed`
--

DROP TABLE IF EXISTS `page_compressed`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `page_compressed` (
  `a` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci `PAGE_COMPRESSED`='1' `PAGE_COMPRESSION_LEVEL`='6';
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `page_compressed`
--

LOCK TABLES `page_compressed` WRITE;
/*!40000 ALTER TABLE `page_compressed` DISABLE KEYS */;
/*!40000 ALTER TABLE `page_compressed` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `partition_hash`
--

DROP TABLE IF EXISTS `partition_hash`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `partition_hash` (
  `id` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci
 PARTITION BY LINEAR HASH (`id`)
PARTITIONS 4;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `partition_hash`
--

LOCK TABLES `partition_hash` WRITE;
/*!40000 ALTER TABLE `partition_hash` DISABLE KEYS */;
/*!40000 ALTER TABLE `partition_hash` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `partition_key`
--

DROP TABLE IF EXISTS `partition_key`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `partition_key` (
  `id` int(11) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci
 PARTITION BY KEY ()
PARTITIONS 3;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `partition_key`
--

LOCK TABLES `partition_key` WRITE;
/*!40000 ALTER TABLE `partition_key` DISABLE KEYS */;
/*!40000 ALTER TABLE `partition_key` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `partition_key_sub`
--

DROP TABLE IF EXISTS `partition_key_sub`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `partition_key_sub` (
  `id` int(11) DEFAULT NULL,
  `d` date DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci
 PARTITION BY RANGE (year(`d`))
SUBPARTITION BY HASH (to_days(`d`))
SUBPARTITIONS 2
(PARTITION `p0` VALUES LESS THAN (2000) ENGINE = InnoDB,
 PARTITION `p1` VALUES LESS THAN MAXVALUE ENGINE = InnoDB);
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `partition_key_sub`
--

LOCK TABLES `partition_key_sub` WRITE;
/*!40000 ALTER TABLE `partition_key_sub` DISABLE KEYS */;
/*!40000 ALTER TABLE `partition_key_sub` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `partition_list_columns`
--

DROP TABLE IF EXISTS `partition_list_columns`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `partition_list_columns` (
  `region` char(2) DEFAULT NULL,
  `n` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci
 PARTITION BY LIST  COLUMNS(`region`)
(PARTITION `pa` VALUES IN ('a','b') ENGINE = InnoDB,
 PARTITION `pb` VALUES IN ('c') ENGINE = InnoDB);
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `partition_list_columns`
--

LOCK TABLES `partition_list_columns` WRITE;
/*!40000 ALTER TABLE `partition_list_columns` DISABLE KEYS */;
/*!40000 ALTER TABLE `partition_list_columns` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `partition_range`
--

DROP TABLE IF EXISTS `partition_range`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `partition_range` (
  `id` int(11) NOT NULL,
  `created` date NOT NULL,
  PRIMARY KEY (`id`,`created`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci
 PARTITION BY RANGE (year(`created`))
(PARTITION `p0` VALUES LESS THAN (2020) COMMENT = 'old, (very)' ENGINE = InnoDB,
 PARTITION `p1` VALUES LESS THAN (2030) ENGINE = InnoDB,
 PARTITION `pmax` VALUES LESS THAN MAXVALUE ENGINE = InnoDB);
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `partition_range`
--

LOCK TABLES `partition_range` WRITE;
/*!40000 ALTER TABLE `partition_range` DISABLE KEYS */;
/*!40000 ALTER TABLE `partition_range` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `partition_system_time`
--

DROP TABLE IF EXISTS `partition_system_time`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `partition_system_time` (
  `a` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci WITH SYSTEM VERSIONING
 PARTITION BY SYSTEM_TIME INTERVAL 1 MONTH STARTS TIMESTAMP'2026-11-21 00:00:00'
(PARTITION `p_hist` HISTORY ENGINE = InnoDB,
 PARTITION `p_cur` CURRENT ENGINE = InnoDB);
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `partition_system_time`
--

LOCK TABLES `partition_system_time` WRITE;
/*!40000 ALTER TABLE `partition_system_time` DISABLE KEYS */;
/*!40000 ALTER TABLE `partition_system_time` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `primary_keys`
--

DROP TABLE IF EXISTS `primary_keys`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `primary_keys` (
  `a` int(11) NOT NULL,
  `b` varchar(100) NOT NULL,
  `c` int(11) DEFAULT NULL,
  PRIMARY KEY (`a`,`b`(10))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `primary_keys`
--

LOCK TABLES `primary_keys` WRITE;
/*!40000 ALTER TABLE `primary_keys` DISABLE KEYS */;
/*!40000 ALTER TABLE `primary_keys` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `qualified_name`
--

DROP TABLE IF EXISTS `qualified_name`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `qualified_name` (
  `a` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `qualified_name`
--

LOCK TABLES `qualified_name` WRITE;
/*!40000 ALTER TABLE `qualified_name` DISABLE KEYS */;
/*!40000 ALTER TABLE `qualified_name` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `real_as_float`
--

DROP TABLE IF EXISTS `real_as_float`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `real_as_float` (
  `r` float DEFAULT NULL,
  `d` double DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `real_as_float`
--

LOCK TABLES `real_as_float` WRITE;
/*!40000 ALTER TABLE `real_as_float` DISABLE KEYS */;
/*!40000 ALTER TABLE `real_as_float` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `select`
--

DROP TABLE IF EXISTS `select`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `select` (
  `order` int(11) NOT NULL,
  `key` varchar(3) DEFAULT NULL,
  `index` int(11) DEFAULT NULL,
  `from` date DEFAULT NULL,
  `default` int(11) DEFAULT 1,
  PRIMARY KEY (`order`),
  KEY `key` (`key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `select`
--

LOCK TABLES `select` WRITE;
/*!40000 ALTER TABLE `select` DISABLE KEYS */;
/*!40000 ALTER TABLE `select` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `select_copy`
--

DROP TABLE IF EXISTS `select_copy`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `select_copy` (
  `id` int(11) NOT NULL,
  `v` varchar(10) DEFAULT 'v'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `select_copy`
--

LOCK TABLES `select_copy` WRITE;
/*!40000 ALTER TABLE `select_copy` DISABLE KEYS */;
/*!40000 ALTER TABLE `select_copy` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `select_with_columns`
--

DROP TABLE IF EXISTS `select_with_columns`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `select_with_columns` (
  `extra` int(11) DEFAULT 7,
  `id` int(11) NOT NULL,
  `v` varchar(10) DEFAULT 'v'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `select_with_columns`
--

LOCK TABLES `select_with_columns` WRITE;
/*!40000 ALTER TABLE `select_with_columns` DISABLE KEYS */;
/*!40000 ALTER TABLE `select_with_columns` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `serial_default_value`
--

DROP TABLE IF EXISTS `serial_default_value`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `serial_default_value` (
  `a` int(11) NOT NULL AUTO_INCREMENT,
  UNIQUE KEY `a` (`a`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `serial_default_value`
--

LOCK TABLES `serial_default_value` WRITE;
/*!40000 ALTER TABLE `serial_default_value` DISABLE KEYS */;
/*!40000 ALTER TABLE `serial_default_value` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `sized_text_and_blob`
--

DROP TABLE IF EXISTS `sized_text_and_blob`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `sized_text_and_blob` (
  `a` text DEFAULT NULL,
  `b` tinyblob DEFAULT NULL,
  `c` mediumtext CHARACTER SET latin1 COLLATE latin1_swedish_ci DEFAULT NULL,
  `d` mediumblob DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `sized_text_and_blob`
--

LOCK TABLES `sized_text_and_blob` WRITE;
/*!40000 ALTER TABLE `sized_text_and_blob` DISABLE KEYS */;
/*!40000 ALTER TABLE `sized_text_and_blob` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `spatial_mariadb`
--

DROP TABLE IF EXISTS `spatial_mariadb`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `spatial_mariadb` (
  `g` geometry DEFAULT NULL,
  `p` point NOT NULL,
  `gc` geometrycollection DEFAULT NULL,
  SPATIAL KEY `p` (`p`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `spatial_mariadb`
--

LOCK TABLES `spatial_mariadb` WRITE;
/*!40000 ALTER TABLE `spatial_mariadb` DISABLE KEYS */;
/*!40000 ALTER TABLE `spatial_mariadb` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `system_versioning`
--

DROP TABLE IF EXISTS `system_versioning`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `system_versioning` (
  `a` int(11) NOT NULL,
  `b` int(11) DEFAULT NULL WITHOUT SYSTEM VERSIONING,
  PRIMARY KEY (`a`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci WITH SYSTEM VERSIONING;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `system_versioning`
--

LOCK TABLES `system_versioning` WRITE;
/*!40000 ALTER TABLE `system_versioning` DISABLE KEYS */;
/*!40000 ALTER TABLE `system_versioning` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `system_versioning_explicit`
--

DROP TABLE IF EXISTS `system_versioning_explicit`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `system_versioning_explicit` (
  `a` int(11) DEFAULT NULL,
  `s` timestamp(6) GENERATED ALWAYS AS ROW START INVISIBLE,
  `e` timestamp(6) GENERATED ALWAYS AS ROW END INVISIBLE,
  PERIOD FOR SYSTEM_TIME (`s`, `e`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci WITH SYSTEM VERSIONING;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `system_versioning_explicit`
--

LOCK TABLES `system_versioning_explicit` WRITE;
/*!40000 ALTER TABLE `system_versioning_explicit` DISABLE KEYS */;
/*!40000 ALTER TABLE `system_versioning_explicit` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `table_options_commas`
--

DROP TABLE IF EXISTS `table_options_commas`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `table_options_commas` (
  `a` int(11) DEFAULT NULL
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci MIN_ROWS=10 MAX_ROWS=1000 AVG_ROW_LENGTH=100 PACK_KEYS=1 DELAY_KEY_WRITE=1;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `table_options_commas`
--

LOCK TABLES `table_options_commas` WRITE;
/*!40000 ALTER TABLE `table_options_commas` DISABLE KEYS */;
/*!40000 ALTER TABLE `table_options_commas` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `table_options_innodb`
--

DROP TABLE IF EXISTS `table_options_innodb`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `table_options_innodb` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=123456789012 DEFAULT CHARSET=latin1 COLLATE=latin1_bin STATS_PERSISTENT=1 STATS_SAMPLE_PAGES=32 CHECKSUM=1 ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8 COMMENT='opts';
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `table_options_innodb`
--

LOCK TABLES `table_options_innodb` WRITE;
/*!40000 ALTER TABLE `table_options_innodb` DISABLE KEYS */;
/*!40000 ALTER TABLE `table_options_innodb` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `temporal`
--

DROP TABLE IF EXISTS `temporal`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `temporal` (
  `d` date DEFAULT '2020-01-31',
  `t` time DEFAULT NULL,
  `t3` time(3) DEFAULT '12:34:56.789',
  `dt` datetime DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  `dt6` datetime(6) DEFAULT current_timestamp(6),
  `ts` timestamp NULL DEFAULT current_timestamp(),
  `ts3` timestamp(3) NOT NULL DEFAULT current_timestamp(3) ON UPDATE current_timestamp(3),
  `ts0` timestamp NULL DEFAULT NULL,
  `y` year(4) DEFAULT NULL,
  `y4` year(4) DEFAULT 2024,
  `lt` datetime DEFAULT current_timestamp()
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `temporal`
--

LOCK TABLES `temporal` WRITE;
/*!40000 ALTER TABLE `temporal` DISABLE KEYS */;
/*!40000 ALTER TABLE `temporal` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `temporal_literals`
--

DROP TABLE IF EXISTS `temporal_literals`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `temporal_literals` (
  `d` date DEFAULT '2021-02-03',
  `t` time DEFAULT '01:02:03',
  `ts` datetime DEFAULT '2021-02-03 04:05:06'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `temporal_literals`
--

LOCK TABLES `temporal_literals` WRITE;
/*!40000 ALTER TABLE `temporal_literals` DISABLE KEYS */;
/*!40000 ALTER TABLE `temporal_literals` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `texts_and_blobs`
--

DROP TABLE IF EXISTS `texts_and_blobs`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `texts_and_blobs` (
  `a` tinytext DEFAULT NULL,
  `b` text DEFAULT NULL,
  `c` mediumtext DEFAULT NULL,
  `d` longtext DEFAULT NULL,
  `e` tinyblob DEFAULT NULL,
  `f` blob DEFAULT NULL,
  `g` mediumblob DEFAULT NULL,
  `h` longblob DEFAULT NULL,
  `i` mediumtext DEFAULT NULL,
  `j` mediumtext DEFAULT NULL,
  `k` mediumblob DEFAULT NULL,
  `l` longtext CHARACTER SET latin1 COLLATE latin1_swedish_ci DEFAULT NULL,
  `m` text CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `texts_and_blobs`
--

LOCK TABLES `texts_and_blobs` WRITE;
/*!40000 ALTER TABLE `texts_and_blobs` DISABLE KEYS */;
/*!40000 ALTER TABLE `texts_and_blobs` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `timestamps_legacy`
--

DROP TABLE IF EXISTS `timestamps_legacy`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `timestamps_legacy` (
  `first_ts` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  `second_ts` timestamp NOT NULL DEFAULT '0000-00-00 00:00:00',
  `nullable_ts` timestamp NULL DEFAULT NULL,
  `fsp_ts` timestamp(3) NOT NULL DEFAULT '0000-00-00 00:00:00.000'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `timestamps_legacy`
--

LOCK TABLES `timestamps_legacy` WRITE;
/*!40000 ALTER TABLE `timestamps_legacy` DISABLE KEYS */;
/*!40000 ALTER TABLE `timestamps_legacy` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `timestamps_legacy_on_update`
--

DROP TABLE IF EXISTS `timestamps_legacy_on_update`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `timestamps_legacy_on_update` (
  `a` timestamp NOT NULL DEFAULT '0000-00-00 00:00:00' ON UPDATE current_timestamp(),
  `b` timestamp NOT NULL DEFAULT '0000-00-00 00:00:00'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `timestamps_legacy_on_update`
--

LOCK TABLES `timestamps_legacy_on_update` WRITE;
/*!40000 ALTER TABLE `timestamps_legacy_on_update` DISABLE KEYS */;
/*!40000 ALTER TABLE `timestamps_legacy_on_update` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `unique_keys`
--

DROP TABLE IF EXISTS `unique_keys`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `unique_keys` (
  `a` int(11) DEFAULT NULL,
  `b` int(11) NOT NULL,
  `c` int(11) DEFAULT NULL,
  `d` int(11) DEFAULT NULL,
  UNIQUE KEY `ub` (`b`),
  UNIQUE KEY `a` (`a`),
  UNIQUE KEY `ucd` (`c`,`d` DESC)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `unique_keys`
--

LOCK TABLES `unique_keys` WRITE;
/*!40000 ALTER TABLE `unique_keys` DISABLE KEYS */;
/*!40000 ALTER TABLE `unique_keys` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Dumping routines for database 't_ddl_show'
--

--
-- Current Database: `t_ddl_dump`
--

USE `t_ddl_dump`;

--
-- Final view structure for view `big_orders`
--

/*!50001 DROP VIEW IF EXISTS `big_orders`*/;
/*!50001 SET @saved_cs_client          = @@character_set_client */;
/*!50001 SET @saved_cs_results         = @@character_set_results */;
/*!50001 SET @saved_col_connection     = @@collation_connection */;
/*!50001 SET character_set_client      = utf8mb4 */;
/*!50001 SET character_set_results     = utf8mb4 */;
/*!50001 SET collation_connection      = utf8mb4_unicode_ci */;
/*!50001 CREATE ALGORITHM=UNDEFINED */
/*!50013 DEFINER=`chsync`@`127.0.0.1` SQL SECURITY DEFINER */
/*!50001 VIEW `big_orders` AS select `order`.`id` AS `id`,`order`.`total` AS `total` from `order` where `order`.`total` > 5 */;
/*!50001 SET character_set_client      = @saved_cs_client */;
/*!50001 SET character_set_results     = @saved_cs_results */;
/*!50001 SET collation_connection      = @saved_col_connection */;

--
-- Current Database: `t_ddl_show`
--

USE `t_ddl_show`;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

-- Dump completed on 2026-11-21 23:19:27
