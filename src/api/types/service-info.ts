import { Field, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'What this orgraph server is.' })
export class ServiceInfo {
  @Field({ description: 'Product name.' })
  name!: string;

  @Field({ description: 'Server version (from package.json).' })
  version!: string;
}
