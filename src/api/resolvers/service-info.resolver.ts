import { Query, Resolver } from 'type-graphql';
import { ServiceInfo } from '../types/service-info.js';
import { packageVersion } from '../../config/version.js';

@Resolver(() => ServiceInfo)
export class ServiceInfoResolver {
  @Query(() => ServiceInfo, { description: 'Name and version of this server.' })
  about(): ServiceInfo {
    return { name: 'orgraph', version: packageVersion };
  }
}
